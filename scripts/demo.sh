#!/usr/bin/env bash
# The main job on a fresh Debian machine (as root): installs what the demo needs where it is
# missing (Firebird's client library and engine for embedded use; idempotent), installs
# konektosync as /usr/local/bin/konektosync (scripts/install.sh), then runs it from PATH to write a
# sample office in Raks and Fakt, configure it, sync it into the local panel and print the panel's
# firm list. Each run writes into a new folder of its own and says where; an existing --folder or
# --data-dir is refused unless --force, and files the demo did not make are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --demo
scripts/install.sh
export PATH="/usr/local/bin:$PATH"
konektosync demo "$@"
