#!/usr/bin/env bash
# Installs and starts what the tests use (idempotent), then runs the whole test suite, then builds
# the installed form once (scripts/install.sh into a temporary prefix) and checks that it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
dotnet test KonektoSync.sln -c Release "$@"
scripts/check-install.sh
