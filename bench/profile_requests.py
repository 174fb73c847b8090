"""Python function calls per request, for whichever djoser is importable.

The load runs in compare.py measure time, which a shared machine makes noisy;
the number of Python function calls a request makes is the same on every
run, so it shows per-request overhead exactly. Each path is sent ``N`` times
through DRF's test client (the full middleware stack) under cProfile, after
a warm-up, and the calls per request are printed as JSON. Run it from
``bench/`` with each side's interpreter::

    cd bench && ../.venv/bin/python profile_requests.py
    cd bench && .venvs/djoser/bin/python profile_requests.py
    cd bench && ../.venv/bin/python profile_requests.py --top 25 "users/me/ GET"

``--top K PATH`` prints the K functions with the most calls on that path.

``--configuration NAME`` profiles instead the rows of
bench_project/operations.py that configuration serves, in the virtualenv
that has its packages (``NAME`` is a key of ``CONFIGURATIONS``)::

    cd bench && .venvs/ours/bin/python profile_requests.py --configuration ours
    cd bench && .venvs/knox/bin/python profile_requests.py --configuration knox
"""

import argparse
import cProfile
import itertools
import json
import os
import pstats

from bench_project.operations import CONFIGURATIONS, FRESH_KINDS, OPERATIONS

parser = argparse.ArgumentParser()
parser.add_argument("-n", "--requests", type=int, default=200)
parser.add_argument("--top", type=int, default=0)
parser.add_argument("--configuration", choices=CONFIGURATIONS)
parser.add_argument("path", nargs="?")
ARGUMENTS = parser.parse_args()
if ARGUMENTS.configuration:
    os.environ["DJANGO_SETTINGS_MODULE"] = CONFIGURATIONS[ARGUMENTS.configuration][1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_project.settings")

import django  # noqa: E402

django.setup()

from bench_project import credentials  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402
from rest_framework_simplejwt.tokens import RefreshToken  # noqa: E402

PASSWORD = "bench-password-1"
WARM_UP = 20
_numbers = itertools.count(1)


def _setup():
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", "bench@example.com", PASSWORD)
    token, _ = Token.objects.get_or_create(user=user)
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    access = str(RefreshToken.for_user(user).access_token)
    return user, token_client, access


def _register_body():
    number = next(_numbers)
    return {
        "username": f"new{number}",
        "email": f"new{number}@example.com",
        "password": PASSWORD,
    }


def paths():
    """name -> a function sending one request and returning its status."""
    user, token_client, access = _setup()
    anonymous = APIClient()
    login = {"username": user.username, "password": PASSWORD}
    return {
        "users/me/ GET": lambda: token_client.get("/auth/users/me/").status_code,
        "floor users/me/": lambda: token_client.get("/floor/me/").status_code,
        "jwt verify": lambda: (
            anonymous.post(
                "/auth/jwt/verify/", {"token": access}, format="json"
            ).status_code
        ),
        "token login": lambda: (
            anonymous.post("/auth/token/login/", login, format="json").status_code
        ),
        "register": lambda: (
            anonymous.post("/auth/users/", _register_body(), format="json").status_code
        ),
    }


def configuration_paths(configuration, requests):
    """name -> sender, for the rows of operations.py ``configuration`` serves."""
    call_command("migrate", verbosity=0)
    values = credentials.bench_users()
    selected = {}
    for operation, row in OPERATIONS.items():
        for column, (served_by, request) in row.items():
            if served_by == configuration:
                name = f"{operation} [{column}]"
                selected[name] = _sender(request, values, requests + WARM_UP)
                EXPECTED[name] = request["expect"]
    return selected


def _sender(request, values, count):
    filled = {**values, "n": "{n}", "value": "{value}"}
    header = request["header"] and request["header"].format(**filled)
    body = request["body"] and request["body"].format(**filled)
    once = iter(())
    if request["fresh"]:
        kind = request["fresh"]
        once = iter(credentials.fresh(kind, count, FRESH_KINDS[kind]))
    client = Client()

    def send():
        headers = {}
        if header:
            name, content = header.replace("{value}", next(once, "")).split(":", 1)
            headers[name.strip()] = content.strip()
        data = body.replace("{n}", str(next(_numbers))) if body else ""
        return client.generic(
            request["method"],
            request["path"],
            data,
            content_type="application/json",
            headers=headers,
        ).status_code

    return send


EXPECTED = {"register": 201}


def profile(name, send, requests):
    for _ in range(WARM_UP):
        status = send()
        assert status == EXPECTED.get(name, 200), (name, status)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        send()
    profiler.disable()
    return pstats.Stats(profiler)


def main():
    args = ARGUMENTS
    if args.configuration:
        selected = configuration_paths(args.configuration, args.requests)
    else:
        selected = paths()
    if args.path:
        selected = {args.path: selected[args.path]}
    calls = {}
    for name, send in selected.items():
        stats = profile(name, send, args.requests)
        calls[name] = round(stats.total_calls / args.requests, 1)
        if args.top:
            stats.sort_stats("ncalls").print_stats(args.top)
    print(json.dumps(calls, indent=1))


if __name__ == "__main__":
    main()
