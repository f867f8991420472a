#!/usr/bin/env bash
# Installs and starts what KonektoSync's tests and demo use, idempotently, as root on Debian.
#   scripts/install-deps.sh            everything the tests need (Firebird server + embedded, PostgreSQL,
#                                      MariaDB, ODBC, file oracles)
#   scripts/install-deps.sh --demo     only what the demo needs (Firebird client library and embedded engine)
set -euo pipefail
mode="${1:-all}"
need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
want() { for p in "$@"; do have "$p" || need+=("$p"); done; }

want libfbclient2 firebird3.0-server-core firebird3.0-utils
if [ "$mode" != "--demo" ]; then
  want firebird3.0-server unixodbc odbc-mdbtools mdbtools libsqliteodbc python3-dbf pxlib-dev pkg-config gcc
  want postgresql mariadb-server
  want time  # /usr/bin/time -v: peak RSS in scripts/bench-sync.sh
  want systemd util-linux  # systemd-analyze verify of the service unit; setpriv runs "service install" as a plain user
  want python3-aiosmtpd  # the loopback SMTP server of the messaging tests
  want chromium chromium-driver fonts-dejavu-core fonts-liberation  # the browser tests (headless, driven through /usr/bin/chromedriver)
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
  # setsid: the server must not belong to the caller's process group (a stopped job would take it along)
  if command -v service >/dev/null && setsid -w service firebird3.0 start </dev/null >/dev/null 2>&1; then :; else
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

# the SQLite ODBC driver as "SQLite3" (Płatnik's Access stand-in in tests); Debian's package registers it, this makes sure
if command -v odbcinst >/dev/null && ! odbcinst -q -d -n SQLite3 >/dev/null 2>&1; then
  lib=$(ls /usr/lib/*/odbc/libsqlite3odbc.so 2>/dev/null | head -1)
  [ -n "$lib" ] && printf '[SQLite3]\nDescription=SQLite3 ODBC Driver\nDriver=%s\nSetup=%s\n' "$lib" "$lib" | odbcinst -i -d -r >/dev/null
fi

# ---- PostgreSQL (the stand-in for SQL Server in tests) and MariaDB (MySQL), both on loopback only.
# Test logins, allowed to create databases (tests create uniquely named databases and drop them):
#   PostgreSQL 127.0.0.1:5432  user konekto  password konekto
#   MariaDB    127.0.0.1:3306  user konekto  password konekto
# Works without systemd: pg_ctlcluster and mysqld_safe are started directly.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 1; done; return 1; }

pgver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[ -n "$pgver" ] || { echo "PostgreSQL is not installed" >&2; exit 1; }
pg_lsclusters -h 2>/dev/null | grep -q "^$pgver main" || pg_createcluster "$pgver" main >/dev/null
pgconf=/etc/postgresql/$pgver/main/postgresql.conf
grep -q "^listen_addresses = '127.0.0.1'" "$pgconf" || echo "listen_addresses = '127.0.0.1'" >> "$pgconf"
if ! port_open 5432; then
  setsid -w pg_ctlcluster "$pgver" main start </dev/null >/dev/null 2>&1 || true
  wait_port 5432 || { echo "PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }
fi
for _ in $(seq 1 30); do su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
role=$(su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname = 'konekto'\"")
[ "$role" = "1" ] || su postgres -c "psql -qc \"create role konekto login createdb password 'konekto'\"" >/dev/null
su postgres -c "psql -qc \"alter role konekto login createdb password 'konekto'\"" >/dev/null
# DROP DATABASE ... WITH (FORCE) in the tests must end an autovacuum worker on that database too, which
# PostgreSQL 15 allows only to members of pg_signal_backend
su postgres -c "psql -qc \"grant pg_signal_backend to konekto\"" >/dev/null

if ! port_open 3306; then
  install -d -o mysql -g mysql /run/mysqld
  [ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null 2>&1
  (cd / && setsid mysqld_safe --user=mysql --bind-address=127.0.0.1 --port=3306 >/dev/null 2>&1 &)
  wait_port 3306 || { echo "MariaDB did not start on 127.0.0.1:3306" >&2; exit 1; }
fi
for _ in $(seq 1 30); do mariadb -uroot -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
mariadb -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'konekto'@'localhost' IDENTIFIED BY 'konekto';
CREATE USER IF NOT EXISTS 'konekto'@'127.0.0.1' IDENTIFIED BY 'konekto';
ALTER USER 'konekto'@'localhost' IDENTIFIED BY 'konekto';
ALTER USER 'konekto'@'127.0.0.1' IDENTIFIED BY 'konekto';
GRANT ALL PRIVILEGES ON *.* TO 'konekto'@'localhost';
GRANT ALL PRIVILEGES ON *.* TO 'konekto'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
