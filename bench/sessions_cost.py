"""What djoser.sessions costs jwt/refresh/ and users/me/.

    python3 bench/sessions_cost.py                # 20 rounds of 200 requests
    python3 bench/sessions_cost.py --requests 50 --rounds 4

One process serves the bench project with djoser.sessions and simplejwt's
blacklist app installed, and measures three configurations in turn, round
after round, so that a busy machine weighs on all of them alike:

- plain simplejwt: JWTAuthentication, no rotation (djoser 2.x's default);
- simplejwt rotation: ROTATE_REFRESH_TOKENS with BLACKLIST_AFTER_ROTATION,
  the protection a djoser 2.x project can have;
- djoser.sessions: rotation with reuse detection, and access tokens that
  end with their session (SessionJWTAuthentication).

Each configuration logs in once through jwt/create/, then times GET
users/me/ with its access token and POST jwt/refresh/ (with the refresh
token each answer gives, where tokens rotate) through Django's test client
on an in-memory SQLite database, counting this process's CPU time. Prints
SQL queries per request, requests per CPU second, and the ratio to plain
simplejwt: total against total, over every round.
"""

import argparse
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]
os.environ["DJANGO_SETTINGS_MODULE"] = "bench_project.settings"
os.environ["BENCH_SESSIONS"] = "1"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402
from rest_framework_simplejwt import authentication as jwt_authentication  # noqa: E402
from rest_framework_simplejwt import serializers as jwt_serializers  # noqa: E402
from rest_framework_simplejwt import settings as jwt_settings  # noqa: E402
from rest_framework_simplejwt import tokens as jwt_tokens  # noqa: E402
from rest_framework_simplejwt.authentication import JWTAuthentication  # noqa: E402

from djoser.sessions.authentication import SessionJWTAuthentication  # noqa: E402
from djoser.views import UserViewSet  # noqa: E402

PLAIN = "plain simplejwt"
# Configuration -> (SIMPLE_JWT changes, sessions on, JWT authentication).
CONFIGURATIONS = {
    PLAIN: ({}, False, JWTAuthentication),
    "simplejwt rotation": (
        {"ROTATE_REFRESH_TOKENS": True, "BLACKLIST_AFTER_ROTATION": True},
        False,
        JWTAuthentication,
    ),
    "djoser.sessions": (
        {"ROTATE_REFRESH_TOKENS": True},
        True,
        SessionJWTAuthentication,
    ),
}
BODY = {"username": "bench", "password": "bench-password-1"}


def _follow_simplejwt_settings():
    """Point simplejwt's modules at its settings as they are now.

    A change of SIMPLE_JWT makes simplejwt build a new settings object, but
    its modules keep the one they imported.
    """
    for module in (jwt_authentication, jwt_serializers, jwt_tokens):
        module.api_settings = jwt_settings.api_settings


class Side:
    """One configuration: its settings, and the tokens of its own login."""

    def __init__(self, name):
        simple_jwt, sessions_on, authentication = CONFIGURATIONS[name]
        self.name = name
        self.authentication = authentication
        self.settings = override_settings(
            SIMPLE_JWT={**settings.SIMPLE_JWT, **simple_jwt},
            DJOSER={**settings.DJOSER, "SESSIONS": {"ENABLED": sessions_on}},
        )
        self.client = APIClient()
        self.me = APIClient()
        self.cpu = {"users/me": 0.0, "jwt/refresh": 0.0}
        self.queries = {}
        with self:
            pair = self.client.post("/auth/jwt/create/", BODY, format="json").json()
        self.me.credentials(HTTP_AUTHORIZATION="Bearer " + pair["access"])
        self.refresh_token = pair["refresh"]

    def __enter__(self):
        self.settings.enable()
        _follow_simplejwt_settings()
        UserViewSet.authentication_classes = [self.authentication]

    def __exit__(self, *exc_info):
        self.settings.disable()
        _follow_simplejwt_settings()

    def get_me(self):
        response = self.me.get("/auth/users/me/")
        assert response.status_code == 200, response.content

    def refresh(self):
        response = self.client.post(
            "/auth/jwt/refresh/", {"refresh": self.refresh_token}, format="json"
        )
        assert response.status_code == 200, response.content
        self.refresh_token = response.json().get("refresh", self.refresh_token)

    def operations(self):
        return {"users/me": self.get_me, "jwt/refresh": self.refresh}

    def count_queries(self):
        with self:
            for name, operation in self.operations().items():
                operation()  # the first use is written; later ones once a minute
                queries = []

                def record(execute, sql, params, many, context, queries=queries):
                    queries.append(sql)
                    return execute(sql, params, many, context)

                with connection.execute_wrapper(record):
                    operation()
                self.queries[name] = len(queries)

    def run(self, requests):
        with self:
            for name, operation in self.operations().items():
                started = time.process_time()
                for _ in range(requests):
                    operation()
                self.cpu[name] += time.process_time() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    get_user_model().objects.create_user("bench", "bench@example.com", BODY["password"])
    sides = [Side(name) for name in CONFIGURATIONS]
    for side in sides:
        side.count_queries()
    for _ in range(options.rounds):
        for side in sides:
            side.run(options.requests)
    total = options.requests * options.rounds
    plain = sides[0]
    for operation in plain.cpu:
        print(f"{operation}:")
        for side in sides:
            print(
                f"  {side.name:20} {side.queries[operation]} queries  "
                f"{total / side.cpu[operation]:7.0f} per CPU second  "
                f"ratio to {PLAIN} {plain.cpu[operation] / side.cpu[operation]:.3f}"
            )
    print(f"({options.rounds} rounds of {options.requests} requests per side)")


if __name__ == "__main__":
    main()
