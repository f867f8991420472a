#!/usr/bin/env bash
# Installs and starts what KonektoSync's tests and demo use, idempotently, as root on Debian.
#   scripts/install-deps.sh            everything the tests need (Firebird server + embedded, ODBC, file oracles)
#   scripts/install-deps.sh --demo     only what the demo needs (Firebird client library and embedded engine)
set -euo pipefail
mode="${1:-all}"
need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
want() { for p in "$@"; do have "$p" || need+=("$p"); done; }

want libfbclient2 firebird3.0-server-core firebird3.0-utils
if [ "$mode" != "--demo" ]; then
  want firebird3.0-server unixodbc odbc-mdbtools mdbtools libsqliteodbc python3-dbf pxlib-dev pkg-config gcc
fi
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # a known SYSDBA password for the local test server (loopback only)
  echo "firebird3.0-server shared/firebird/enabled boolean true" | debconf-set-selections || true
  echo "firebird3.0-server shared/firebird/sysdba_password/new_password password masterkey" | debconf-set-selections || true
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# the embedded engine looks for its plugins and messages under the Firebird root
if [ -d /usr/lib/x86_64-linux-gnu/firebird/3.0 ] && [ -z "${FIREBIRD:-}" ]; then :; fi

[ "$mode" = "--demo" ] && exit 0

# Firebird server on 127.0.0.1:3050 with SYSDBA/masterkey
conf=/etc/firebird/3.0/firebird.conf
if [ -f "$conf" ]; then
  grep -q '^RemoteBindAddress = 127.0.0.1' "$conf" || echo 'RemoteBindAddress = 127.0.0.1' >> "$conf"
  grep -q '^WireCrypt = Enabled' "$conf" || echo 'WireCrypt = Enabled' >> "$conf"
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/3050) 2>/dev/null; then
  if command -v service >/dev/null && service firebird3.0 start >/dev/null 2>&1; then :; else
    (setsid /usr/sbin/fbguard -daemon -forever >/dev/null 2>&1 || setsid /usr/sbin/firebird >/dev/null 2>&1 &) 
  fi
  for _ in $(seq 1 30); do (exec 3<>/dev/tcp/127.0.0.1/3050) 2>/dev/null && break; sleep 1; done
fi
# make sure SYSDBA's password is the known one (idempotent)
if command -v isql-fb >/dev/null; then
  echo "alter user SYSDBA password 'masterkey';" | isql-fb -q -user SYSDBA employee >/dev/null 2>&1 || true
fi
(exec 3<>/dev/tcp/127.0.0.1/3050) 2>/dev/null || { echo "Firebird server did not start on 127.0.0.1:3050" >&2; exit 1; }
