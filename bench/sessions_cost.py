"""What djoser.sessions costs jwt/refresh/ and users/me/.

    python3 bench/sessions_cost.py               # 5 rounds of 2000 requests
    python3 bench/sessions_cost.py --requests 500 --rounds 1

Runs the bench project in subprocesses of this interpreter, in three
configurations, the rounds interleaved:

- plain simplejwt: JWTAuthentication, no rotation (djoser 2.x's default);
- simplejwt rotation: ROTATE_REFRESH_TOKENS with BLACKLIST_AFTER_ROTATION
  and the blacklist app, the protection a djoser 2.x project can have;
- djoser.sessions: rotation with reuse detection, and access tokens that end
  with their session (SessionJWTAuthentication).

Each side logs in once through jwt/create/, then times GET users/me/ with
the access token and POST jwt/refresh/ (with the refresh token each answer
gives, where tokens rotate) through Django's test client on an in-memory
SQLite database. Prints SQL queries per request and requests per CPU second
of each side, and the ratios against plain simplejwt, medians of the rounds.
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

SIDE = """
import json, os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_project.settings")
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

call_command("migrate", verbosity=0)
get_user_model().objects.create_user("bench", "bench@example.com", "bench-password-1")
client = APIClient()
body = {"username": "bench", "password": "bench-password-1"}
pair = client.post("/auth/jwt/create/", body, format="json").json()
requests = int(sys.argv[1])
me = APIClient()
me.credentials(HTTP_AUTHORIZATION="Bearer " + pair["access"])
state = {"refresh": pair["refresh"]}

def get_me():
    response = me.get("/auth/users/me/")
    assert response.status_code == 200, response.content

def refresh():
    response = client.post(
        "/auth/jwt/refresh/", {"refresh": state["refresh"]}, format="json"
    )
    assert response.status_code == 200, response.content
    state["refresh"] = response.json().get("refresh", state["refresh"])

result = {}
for name, operation in (("users/me", get_me), ("jwt/refresh", refresh)):
    operation()  # the first use writes last_used; later ones, once a minute
    queries = []
    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)
    with connection.execute_wrapper(count):
        operation()
    # CPU time of this process: other processes on a busy machine do not count.
    started = time.process_time()
    for _ in range(requests):
        operation()
    elapsed = time.process_time() - started
    result[name] = {"queries": len(queries), "per_second": requests / elapsed}
print(json.dumps(result))
"""

# Side -> the environment variable that selects its settings.
SIDES = {
    "plain simplejwt": None,
    "simplejwt rotation": "BENCH_ROTATION",
    "djoser.sessions": "BENCH_SESSIONS",
}
OPERATIONS = ("users/me", "jwt/refresh")


def run_side(variable, requests):
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), str(BENCH)]),
        "DJANGO_SETTINGS_MODULE": "bench_project.settings",
    }
    for name in SIDES.values():
        if name:
            environment.pop(name, None)
    if variable:
        environment[variable] = "1"
    output = subprocess.run(
        [sys.executable, "-c", SIDE, str(requests)],
        env=environment,
        cwd=BENCH,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    rounds = []
    for _ in range(options.rounds):
        rounds.append(
            {
                side: run_side(variable, options.requests)
                for side, variable in SIDES.items()
            }
        )
    baseline = "plain simplejwt"
    for operation in OPERATIONS:
        print(f"{operation}:")
        for side in SIDES:
            rates = [result[side][operation]["per_second"] for result in rounds]
            ratios = [
                result[side][operation]["per_second"]
                / result[baseline][operation]["per_second"]
                for result in rounds
            ]
            print(
                f"  {side:20} {rounds[0][side][operation]['queries']} queries  "
                f"{statistics.median(rates):7.0f} per CPU second  "
                f"ratio to plain simplejwt {statistics.median(ratios):.3f}"
            )
    print(f"(medians of {options.rounds} interleaved rounds of {options.requests})")


if __name__ == "__main__":
    main()
