#!/usr/bin/env bash
# Upgrade a djoser 2.3.5 project database to this package, then log in with
# the passkey registered under djoser; then go back to djoser 2.3.5 and log
# in again. Usage: tests/upgrade/run.sh [URL...] runs on a new SQLite
# database and on each PostgreSQL DATABASE_URL given (each an empty
# database). One venv: djoser 2.3.5, this package in its place, djoser again.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
pip() { "$work/venv/bin/python" -m pip --quiet "$@"; }
pip install 'djoser[webauthn]==2.3.5' 'Django>=5.2,<5.3' 'psycopg[binary]>=3.1'

databases=("sqlite" "$@")
# From a directory of its own, so neither the checkout's djoser nor its tests
# package can be imported: only the installed djoser.
step() {
    local database=$1 name=$2
    local state="$work/state-$3.json"
    if [ "$database" = sqlite ]; then
        (cd "$work" && UPGRADE_SQLITE_PATH="$work/db.sqlite3" \
            PYTHONPATH="$repo/tests/upgrade" venv/bin/python "$repo/tests/upgrade/steps.py" "$name" "$state")
    else
        (cd "$work" && DATABASE_URL="$database" \
            PYTHONPATH="$repo/tests/upgrade" venv/bin/python "$repo/tests/upgrade/steps.py" "$name" "$state")
    fi
}

for index in "${!databases[@]}"; do
    echo "-- djoser 2.3.5 on ${databases[$index]%%:*}"
    step "${databases[$index]}" before "$index"
done

pip install "$repo[webauthn]"
"$work/venv/bin/python" -m pip list 2>/dev/null | grep -Ei '^(django|djoser|webauthn) '

for index in "${!databases[@]}"; do
    echo "-- this package on ${databases[$index]%%:*}"
    step "${databases[$index]}" after "$index"
done

for index in "${!databases[@]}"; do
    echo "-- back to djoser 2.3.5's migration on ${databases[$index]%%:*}"
    step "${databases[$index]}" downgrade "$index"
done

pip install 'djoser[webauthn]==2.3.5'
for index in "${!databases[@]}"; do
    echo "-- djoser 2.3.5 again on ${databases[$index]%%:*}"
    step "${databases[$index]}" back "$index"
done
