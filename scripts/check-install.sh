#!/usr/bin/env bash
# Checks the install step: scripts/install.sh into a temporary prefix, twice (it is idempotent), then
# the installed single-file konektosync answers --version and --help (in English and Polish) and
# creates a data folder, with no .NET SDK on its PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
scripts/install.sh --prefix "$prefix" >/dev/null
scripts/install.sh --prefix "$prefix" >/dev/null
bin="$prefix/bin/konektosync"
fail() { echo "check-install: $*" >&2; exit 1; }
[ -x "$bin" ] || fail "$bin was not installed"
run() { env -i HOME="$prefix" PATH="$prefix/bin:/usr/bin:/bin" "$@"; }
run konektosync --version | grep -Eq '^[0-9]+\.[0-9]+' || fail "--version printed no version"
run konektosync --help --lang en | grep -q 'Usage:' || fail "--help has no usage"
run konektosync --help --lang pl | grep -q 'Użycie:' || fail "--help --lang pl is not Polish"
run konektosync panel --lang en | grep -q 'export' || fail "a bare group did not print its help"
run konektosync init --data-dir "$prefix/data" >/dev/null || fail "init failed"
[ -f "$prefix/data/konektosync.db" ] || fail "init wrote no konektosync.db"
set +e; run konektosync frobnicate >/dev/null 2>&1; code=$?; set -e
[ "$code" = 2 ] || fail "an unknown command exited $code, not 2"
# the panel server's pages (texts and style sheet embedded) answer from the single file
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run konektosync panel serve --data-dir "$prefix/data" --urls "http://127.0.0.1:$port" >"$prefix/serve.log" 2>&1 &
serve=$!
page=""
for _ in $(seq 1 50); do
  page=$(curl -s "http://127.0.0.1:$port/office/sign-in" || true)
  [ -n "$page" ] && break
  sleep 0.2
done
css=$(curl -s "http://127.0.0.1:$port/static/panel.css" || true)
kill "$serve"; wait "$serve" 2>/dev/null || true
echo "$page" | grep -q 'Zaloguj' || fail "the panel server's sign-in page did not answer"
echo "$css" | grep -q 'focus-visible' || fail "the panel server's style sheet did not answer"
echo "check-install: the installed konektosync works"
