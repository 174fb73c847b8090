"""What installing djoser.mfa costs a login of an account without 2FA.

    python3 bench/mfa_cost.py            # 3 rounds of 2000 logins per side
    python3 bench/mfa_cost.py --logins 500 --rounds 1

Runs the bench project twice in subprocesses of this interpreter, without
and with ``djoser.mfa`` in INSTALLED_APPS, each doing token logins (POST
token/login/, existing token) through Django's test client on an in-memory
SQLite database. Prints the SQL queries per login and logins per CPU second
of each side, and the ratio, the median of interleaved rounds.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent

# One side's work, run in a fresh interpreter: a login per iteration.
SIDE = """
import json, os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_project.settings")
import django
django.setup()
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

call_command("migrate", verbosity=0)
get_user_model().objects.create_user("bench", "bench@example.com", "bench-password-1")
client = APIClient()
body = {"username": "bench", "password": "bench-password-1"}
assert client.post("/auth/token/login/", body).status_code == 200
queries = []
def count(execute, sql, params, many, context):
    queries.append(sql)
    return execute(sql, params, many, context)
with connection.execute_wrapper(count):
    client.post("/auth/token/login/", body)
logins = int(sys.argv[1])
# CPU time of this process: other processes on a busy machine do not count.
started = time.process_time()
for _ in range(logins):
    client.post("/auth/token/login/", body)
elapsed = time.process_time() - started
print(json.dumps({
    "mfa_installed": apps.is_installed("djoser.mfa"),
    "queries": len(queries),
    "per_second": logins / elapsed,
}))
"""


def run_side(mfa, logins):
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), str(BENCH)]),
        # No rate limits: thousands of logins from one client.
        "DJANGO_SETTINGS_MODULE": "bench_project.settings",
    }
    environment.pop("BENCH_MFA", None)
    if mfa:
        environment["BENCH_MFA"] = "1"
    output = subprocess.run(
        [sys.executable, "-c", SIDE, str(logins)],
        env=environment,
        cwd=BENCH,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(output)
    assert result["mfa_installed"] is mfa, result
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logins", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    sides = {False: [], True: []}
    for _ in range(options.rounds):
        for mfa in (False, True):
            sides[mfa].append(run_side(mfa, options.logins))
    ratios = [
        with_app["per_second"] / without["per_second"]
        for without, with_app in zip(sides[False], sides[True], strict=True)
    ]
    for mfa, label in ((False, "without djoser.mfa"), (True, "with djoser.mfa")):
        rates = [result["per_second"] for result in sides[mfa]]
        print(
            f"{label:20} {sides[mfa][0]['queries']} queries/login  "
            f"{statistics.median(rates):8.0f} logins per CPU second "
            f"(median of {len(rates)})"
        )
    print(f"ratio with/without: {statistics.median(ratios):.3f} (median per round)")


if __name__ == "__main__":
    main()
