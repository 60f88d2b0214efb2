#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine with Node 20:
# installs the independent checkers the tests use, the npm dependencies, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=(pdfsig:poppler-utils qpdf:qpdf mutool:mupdf-tools certutil:libnss3-tools gs:ghostscript
       podofosign:libpodofo-utils softhsm2-util:softhsm2 openssl:openssl chromium:chromium)
missing=()
for t in "${tools[@]}"; do command -v "${t%%:*}" >/dev/null 2>&1 || missing+=("${t#*:}"); done
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The server suite runs on SQLite and on PostgreSQL (127.0.0.1:5432, trust auth, database `test`).
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "installing PostgreSQL"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
bash scripts/start-postgres.sh

npm ci --no-audit --no-fund
npm test
