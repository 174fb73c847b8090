"""The README walkthrough, replayed over HTTP against the real dev server.

The server runs the demo project (``testproject``) on a fresh SQLite file, so
this test never touches the test database.
"""

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.live_server import running_testproject

REPO_ROOT = Path(__file__).resolve().parent.parent


def server_environment(database_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJOSER_USER_MODEL", "DJANGO_SETTINGS_MODULE"}
    }
    environment["DJOSER_DEMO_DB"] = str(database_path)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO_ROOT), environment.get("PYTHONPATH")])
    )
    return environment


def call(base_url, method, path, data=None, token=None):
    """Send one request like curl would; return the status and decoded JSON."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(base_url + path, data=body, method=method)
    if token is not None:
        request.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    return status, json.loads(raw) if raw else None


@pytest.fixture
def demo_server(tmp_path):
    environment = server_environment(tmp_path / "demo.sqlite3")
    with running_testproject(tmp_path, environment, ready_path="/auth/") as port:
        yield f"http://127.0.0.1:{port}"


def test_readme_walkthrough_over_http(demo_server):
    credentials = {"username": "djoser", "password": "alpine12"}

    assert call(demo_server, "POST", "/auth/users/", credentials) == (
        201,
        {"email": "", "username": "djoser", "id": 1},
    )

    assert call(demo_server, "GET", "/auth/users/me/") == (
        401,
        {"detail": "Authentication credentials were not provided."},
    )

    status, body = call(demo_server, "POST", "/auth/token/login/", credentials)
    assert status == 200
    assert list(body) == ["auth_token"]
    token = body["auth_token"]
    assert len(token) == 40

    assert call(demo_server, "GET", "/auth/users/me/", token=token) == (
        200,
        {"email": "", "username": "djoser", "id": 1},
    )

    assert call(demo_server, "POST", "/auth/token/logout/", token=token) == (204, None)

    assert call(demo_server, "GET", "/auth/users/me/", token=token) == (
        401,
        {"detail": "Invalid token."},
    )
