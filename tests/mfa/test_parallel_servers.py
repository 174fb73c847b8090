"""Codes work once under parallel requests to two real server processes.

Two ``runserver`` processes share one database (PostgreSQL in CI's
PostgreSQL lane, where ``DATABASE_URL`` is set; an SQLite file otherwise)
and one cache. Twenty threads wait at a barrier, then each finishes its own
pending login with the same code: exactly one may succeed.
"""

import contextlib
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pyotp
import pytest

from tests.conftest import PASSWORD
from tests.live_server import request_json, running_servers

ROOT = Path(__file__).resolve().parent.parent.parent
PARALLEL = 20

# Two servers start per run: once per CI lane is enough.
pytestmark = pytest.mark.one_user_model


@contextlib.contextmanager
def server_database(directory):
    """A fresh PostgreSQL database when DATABASE_URL names a server; else None."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield None
        return
    import psycopg

    name = f"djoser_mfa_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    directory = tmp_path_factory.mktemp("mfa-servers")
    with server_database(directory) as database_url:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.mfa.server_settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "testproject")]),
            "DJOSER_SERVER_DB": str(directory / "db.sqlite3"),
            "DJOSER_SERVER_CACHE_DIR": str(directory / "cache"),
        }
        if database_url:
            environment["DJOSER_SERVER_DATABASE_URL"] = database_url
        django_admin = [sys.executable, "-m", "django"]
        subprocess.run(
            [*django_admin, "migrate", "--noinput"],
            env=environment,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        with (directory / "servers.log").open("wb") as log:
            with running_servers(environment, output=log) as base_urls:
                yield base_urls


def call(base, path, body, token=None, method="POST"):
    """Status, headers and JSON body of a real HTTP request."""
    headers = {"Authorization": f"Token {token}"} if token else {}
    return request_json(f"{base}{path}", body, headers, method)


@pytest.fixture
def enrolled_account(servers, fields):
    """An account on the servers with two-factor sign-in on, its secret and codes."""
    base = servers[0]
    account = {**fields.values(), "password": PASSWORD}
    assert call(base, "/auth/users/", account)[0] == 201
    login = {fields.username: account[fields.username], "password": PASSWORD}
    status, _, body = call(base, "/auth/token/login/", login)
    assert status == 200, body
    token = body["auth_token"]
    # Reauthenticated at the other server: the mark holds across processes.
    proof = {"current_password": PASSWORD}
    assert call(servers[1], "/auth/reauthenticate/", proof, token)[0] == 200
    status, _, setup = call(base, "/auth/mfa/totp/", None, token, method="GET")
    assert status == 200, setup
    authenticator = pyotp.TOTP(setup["secret"])
    status, _, body = call(
        base, "/auth/mfa/totp/", {"code": authenticator.now()}, token
    )
    assert status == 201, body
    return login, authenticator, body["recovery_codes"]


def pending_logins(servers, login):
    tokens = []
    for number in range(PARALLEL):
        status, _, body = call(servers[number % 2], "/auth/token/login/", login)
        assert status == 401, body
        tokens.append(body["mfa_token"])
    return tokens


def verify_all_at_once(servers, mfa_tokens, code):
    """Each mfa_token with ``code``, all released together; the statuses."""
    barrier = threading.Barrier(len(mfa_tokens))
    statuses = [None] * len(mfa_tokens)

    def send(number):
        barrier.wait()
        statuses[number] = call(
            servers[number % 2],
            "/auth/mfa/verify/",
            {"mfa_token": mfa_tokens[number], "code": code},
        )[0]

    threads = [
        threading.Thread(target=send, args=(number,))
        for number in range(len(mfa_tokens))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_a_totp_code_logs_in_once_under_twenty_parallel_uses(servers, enrolled_account):
    login, authenticator, _ = enrolled_account
    mfa_tokens = pending_logins(servers, login)
    # The code of the next step: the current one went to turning 2FA on.
    code = authenticator.at(time.time(), counter_offset=1)

    statuses = verify_all_at_once(servers, mfa_tokens, code)

    assert statuses.count(200) == 1, statuses
    assert set(statuses) <= {200, 400, 429}, statuses


def test_a_recovery_code_logs_in_once_under_twenty_parallel_uses(
    servers, enrolled_account
):
    login, _, recovery_codes = enrolled_account
    mfa_tokens = pending_logins(servers, login)

    statuses = verify_all_at_once(servers, mfa_tokens, recovery_codes[0])

    assert statuses.count(200) == 1, statuses
    assert set(statuses) <= {200, 400, 429}, statuses
