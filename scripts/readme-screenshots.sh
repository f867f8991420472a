#!/usr/bin/env bash
# Writes docs/screenshots/firm-page.png and docs/screenshots/client-page.png: the browser tests of the
# firm page and the client's page (a sample office synced into a real panel server, headless Chromium)
# save the top of those pages there as they run. Needs what scripts/install-deps.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export KONEKTOSYNC_README_SCREENSHOTS="$PWD/docs/screenshots"
dotnet build Tests/KonektoSync.Tests -c Release
dotnet test Tests/KonektoSync.Tests -c Release --no-build \
  --filter "FullyQualifiedName~FirmPageBrowserTests.Approving|FullyQualifiedName~ClientPageBrowserTests.After_the_activation_link"
ls -l docs/screenshots/firm-page.png docs/screenshots/client-page.png
