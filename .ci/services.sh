#!/bin/sh
# Services for the web tests on a fresh Debian 12 machine (run as root; idempotent).
# Installs Chromium (Playwright end-to-end tests, report PDF), Pango (WeasyPrint: the report
# PDF) and PostgreSQL 15, starts PostgreSQL,
# creates a test role and database, and prints the lines .ci/run evaluates:
#   eval "$(sh .ci/services.sh)"
set -eu
export DEBIAN_FRONTEND=noninteractive
log=/tmp/europillar-services.log
{
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium postgresql libpango-1.0-0 libpangoft2-1.0-0
} >"$log" 2>&1 || { cat "$log" >&2; exit 1; }

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >>"$log" 2>&1
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start >>"$log" 2>&1
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')

# wait until the server accepts connections
i=0
until su postgres -c "psql -p $port -tAc 'select 1'" >/dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -gt 30 ] && { echo "PostgreSQL did not start" >&2; exit 1; }
  sleep 1
done

user=europillar_test
password=europillar_test
db=europillar_test
su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" >>"$log" 2>&1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
    CREATE ROLE $user LOGIN PASSWORD '$password' CREATEDB;
  END IF;
END \$\$;
SQL
if ! su postgres -c "psql -p $port -tAc \"select 1 from pg_database where datname = '$db'\"" | grep -q 1; then
  su postgres -c "createdb -p $port -O $user $db" >>"$log" 2>&1
fi

echo "export EUROPILLAR_TEST_POSTGRES_URL=postgresql://$user:$password@127.0.0.1:$port/$db"
echo "export EUROPILLAR_REQUIRE_E2E=1"
