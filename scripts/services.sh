#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on 127.0.0.1 (5432, 6379). Idempotent:
# start them if installed but stopped, install them with apt if missing (Debian, root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "services: need root to install $*" >&2; exit 1; fi
  [ $apt_updated = 1 ] || { apt-get update -qq; apt_updated=1; }
  apt-get install -y -qq "$@" >/dev/null
}

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
if ! command -v pg_ctlcluster >/dev/null || ! command -v psql >/dev/null; then apt_install postgresql postgresql-client; fi
if ! pg_up; then
  version=$(ls /etc/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | grep -q "^$version main"; then pg_createcluster "$version" main; fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "services: PostgreSQL did not start" >&2; exit 1; }
fi
# Trust auth for the postgres user over TCP on a CI machine (the README documents production auth).
if ! psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  version=$(ls /etc/postgresql | sort -n | tail -1)
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  grep -q '^host all postgres 127.0.0.1/32 trust' "$hba" || sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload
fi

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
if ! command -v redis-server >/dev/null; then apt_install redis-server; fi
if ! redis_up; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/smp.log
  for _ in $(seq 1 30); do redis_up && break; sleep 0.5; done
  redis_up || { echo "services: Redis did not start" >&2; exit 1; }
fi
echo "services: PostgreSQL and Redis are up on 127.0.0.1"
