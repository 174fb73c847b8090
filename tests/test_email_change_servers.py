"""One email change link opened many times at once: exactly one switch.

Two ``runserver`` processes over the suite's PostgreSQL test database get
the same confirm request from threads released together. The confirm view
locks the account's row and checks the token against it, so whichever
request locks second finds the address changed and its token dead.
CI's PostgreSQL lane (``DATABASE_URL``, see .ci/run) runs this; SQLite has
no row locks to prove anything with, so there it is skipped.
"""

import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from djoser.compat import get_user_email
from djoser.email_change.tokens import email_change_token_generator
from djoser.utils import encode_uid
from tests.live_server import free_port
from tests.test_throttling_servers import wait_for

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 8
NEW_ADDRESS = "raced@example.com"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def servers(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): CI's PostgreSQL lane runs it")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "testproject")]),
        "DJOSER_SERVER_PG_NAME": connection.settings_dict["NAME"],
        "DJOSER_SERVER_CACHE_DIR": str(tmp_path / "cache"),
    }
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "django",
                "runserver",
                "--noreload",
                "--skip-checks",
                f"127.0.0.1:{port}",
            ],
            env=environment,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for(port, process)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def post_status(url, body):
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_parallel_confirms_of_one_link_switch_the_address_once(servers, user):
    body = {
        "uid": encode_uid(user.pk),
        "token": email_change_token_generator.make_token(user, NEW_ADDRESS),
    }
    barrier = threading.Barrier(REQUESTS)
    statuses = []

    def confirm(number):
        barrier.wait()
        url = f"{servers[number % 2]}/auth/users/me/email/confirm/"
        statuses.append(post_status(url, body))

    threads = [
        threading.Thread(target=confirm, args=(number,)) for number in range(REQUESTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [204] + [400] * (REQUESTS - 1)
    user.refresh_from_db()
    assert get_user_email(user) == NEW_ADDRESS
