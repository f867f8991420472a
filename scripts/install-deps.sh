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
# make sure SYSDBA's password on the local test server is the known one (idempotent)
fbok() { echo "select 1 from rdb\$database;" | isql-fb -q -user SYSDBA -password masterkey "127.0.0.1:$1" >/dev/null 2>&1; }
probe=/var/lib/firebird/3.0/data/konektosync-probe.fdb
if ! fbok "$probe"; then
  current=$(. /etc/firebird/3.0/SYSDBA.password 2>/dev/null; echo "${ISC_PASSWORD:-masterkey}")
  for pw in masterkey "$current"; do
    rm -f "$probe"
    echo "create database '127.0.0.1:$probe' user 'SYSDBA' password '$pw'; alter user SYSDBA password 'masterkey'; commit;" | isql-fb -q >/dev/null 2>&1 && break
  done
  sed -i 's/^ISC_PASSWORD=.*/ISC_PASSWORD="masterkey"/' /etc/firebird/3.0/SYSDBA.password 2>/dev/null || true
  fbok "$probe" || { echo "Firebird server on 127.0.0.1:3050 refuses SYSDBA/masterkey" >&2; exit 1; }
fi
(exec 3<>/dev/tcp/127.0.0.1/3050) 2>/dev/null || { echo "Firebird server did not start on 127.0.0.1:3050" >&2; exit 1; }
