"""Two real server processes share one limit through a shared cache.

Each server is ``runserver`` on its own loopback port, with the recommended
THROTTLE_RATES. The cache is Redis in CI's Redis lane
(``DJOSER_TEST_REDIS_URL``), a cache directory otherwise: either way the
counts cross the process boundary.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache.backends.filebased import FileBasedCache

from tests.conftest import PASSWORD
from tests.live_server import request_json, running_servers

ROOT = Path(__file__).resolve().parent.parent
WRONG = "not-the-password"


def shared_cache(environment):
    """The servers' cache, as seen from this process."""
    if environment.get("DJOSER_TEST_REDIS_URL"):
        from django.core.cache.backends.redis import RedisCache

        return RedisCache(environment["DJOSER_TEST_REDIS_URL"], {})
    return FileBasedCache(environment["DJOSER_SERVER_CACHE_DIR"], {})


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """The base URLs of two servers over one database and one cache."""
    directory = tmp_path_factory.mktemp("servers")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "testproject")]),
        "DJOSER_SERVER_DB": str(directory / "db.sqlite3"),
        "DJOSER_SERVER_CACHE_DIR": str(directory / "cache"),
    }
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--noinput"],
        env=environment,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with running_servers(environment) as base_urls:
        yield base_urls, shared_cache(environment)


@pytest.fixture
def urls(servers):
    base_urls, cache = servers
    cache.clear()
    return base_urls


def post(url, body):
    """Status, headers and JSON body of a real HTTP POST."""
    return request_json(url, body, timeout=10)


def test_password_reset_limit_is_shared_by_both_servers(urls, fields):
    email = fields.values()[fields.email]
    statuses = [
        post(f"{urls[number % 2]}/auth/users/reset_password/", {fields.email: email})[0]
        for number in range(5)
    ]

    status, headers, body = post(
        f"{urls[1]}/auth/users/reset_password/", {fields.email: email}
    )

    assert statuses == [204] * 5
    assert status == 429
    assert int(headers["Retry-After"]) >= 1
    assert body["detail"].startswith("Request was throttled.")


def test_failed_logins_are_counted_across_servers(urls, fields):
    account = {**fields.values(), "password": PASSWORD}
    assert post(f"{urls[0]}/auth/users/", account)[0] == 201
    login = {fields.username: account[fields.username], "password": PASSWORD}
    paths = ["/auth/token/login/", "/auth/jwt/create/"]

    # Successful logins on either server do not count.
    for number in range(4):
        assert post(urls[number % 2] + paths[number % 2], login)[0] == 200
    failures = [
        post(urls[number % 2] + paths[number % 2], {**login, "password": WRONG})[0]
        for number in range(10)
    ]

    assert set(failures) <= {400, 401}
    assert post(urls[1] + paths[0], login)[0] == 429
    assert post(urls[0] + paths[1], login)[0] == 429
