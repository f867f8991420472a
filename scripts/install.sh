#!/usr/bin/env bash
# Puts `konektosync` on PATH: a self-contained single-file build (no .NET runtime needed on the
# machine) installed as PREFIX/bin/konektosync, PREFIX /usr/local unless --prefix says otherwise.
# Idempotent: a second run replaces the program with a fresh build. Needs the .NET 10 SDK to build.
#
#   scripts/install.sh                      # /usr/local/bin/konektosync (as root)
#   scripts/install.sh --prefix ~/.local    # ~/.local/bin/konektosync
#   scripts/install.sh --runtime linux-arm64
#
# Windows (PowerShell, as administrator): scripts\install.ps1, which runs
#   dotnet publish Host/KonektoSync.Host.csproj -c Release -r win-x64 --self-contained true
#     -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -o <folder>
# and puts konektosync.exe into %ProgramFiles%\KonektoSync, which it adds to the machine's PATH.
set -euo pipefail
prefix=/usr/local
runtime=linux-x64
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#*=}"; shift ;;
    --runtime) runtime="${2:?--runtime needs a runtime identifier}"; shift 2 ;;
    --runtime=*) runtime="${1#*=}"; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# single file with the native libraries (SQLite) inside; see
# https://learn.microsoft.com/dotnet/core/deploying/single-file/overview
dotnet publish Host/KonektoSync.Host.csproj -c Release -r "$runtime" --self-contained true \
  -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none \
  -o "$out" --nologo -v quiet
install -d "$prefix/bin"
# a new file moved into place: a running konektosync keeps its old copy
install -m 0755 "$out/konektosync" "$prefix/bin/.konektosync.new"
mv -f "$prefix/bin/.konektosync.new" "$prefix/bin/konektosync"
echo "installed $prefix/bin/konektosync ($("$prefix/bin/konektosync" --version))"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
