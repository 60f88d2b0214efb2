#!/usr/bin/env bash
# Starts the local PostgreSQL cluster if it is not running, lets local TCP clients in without a
# password (test machines only), and makes sure the `test` database exists.
set -euo pipefail
version=$(ls /etc/postgresql | sort -V | tail -1)
hba=/etc/postgresql/$version/main/pg_hba.conf
changed=no
if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
  sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  changed=yes
fi
if pg_isready -h 127.0.0.1 -q; then
  [ "$changed" = yes ] && pg_ctlcluster --skip-systemctl-redirect "$version" main reload
else
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
if ! pg_isready -h 127.0.0.1; then
  echo "PostgreSQL does not answer on 127.0.0.1:5432" >&2
  exit 1
fi
if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = 'test'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -c 'create database test'
fi
