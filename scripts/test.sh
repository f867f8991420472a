#!/usr/bin/env bash
# Installs and starts what the tests use (idempotent), then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
dotnet test KonektoSync.sln -c Release "$@"
