"""One email change link opened many times at once: exactly one switch.

Two ``runserver`` processes over the suite's PostgreSQL test database get
the same confirm request from threads released together. The confirm view
locks the account's row and checks the token against it, so whichever
request locks second finds the address changed and its token dead.
CI's PostgreSQL lane (``DATABASE_URL``, see .ci/run) runs this; SQLite has
no row locks to prove anything with, so other lanes leave it out.
"""

import os
import threading
from pathlib import Path

import pytest
from django.db import connection

from djoser.compat import get_user_email
from djoser.email_change.tokens import email_change_token_generator
from djoser.utils import encode_uid
from tests.live_server import request_json, running_servers

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 8
NEW_ADDRESS = "raced@example.com"

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


@pytest.fixture
def servers(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "testproject")]),
        "DJOSER_SERVER_PG_NAME": connection.settings_dict["NAME"],
        "DJOSER_SERVER_CACHE_DIR": str(tmp_path / "cache"),
    }
    with running_servers(environment) as base_urls:
        yield base_urls


def post_status(url, body):
    return request_json(url, body)[0]


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
