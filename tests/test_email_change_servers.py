"""One email change link (or undo link) opened many times at once: exactly
one switch.

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
from django.utils import timezone

from djoser.compat import get_user_email, get_user_email_field_name
from djoser.email_change.models import EmailChange
from djoser.email_change.tokens import (
    email_change_token_generator,
    email_change_undo_token_generator,
)
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


def burst(servers, path, body):
    """``REQUESTS`` posts of ``body`` released together on both servers."""
    barrier = threading.Barrier(REQUESTS)
    statuses = []

    def post(number):
        barrier.wait()
        statuses.append(post_status(f"{servers[number % 2]}{path}", body))

    threads = [
        threading.Thread(target=post, args=(number,)) for number in range(REQUESTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def test_parallel_confirms_of_one_link_switch_the_address_once(servers, user):
    body = {
        "uid": encode_uid(user.pk),
        "token": email_change_token_generator.make_token(user, NEW_ADDRESS),
    }

    statuses = burst(servers, "/auth/users/me/email/confirm/", body)

    assert statuses == [204] + [400] * (REQUESTS - 1)
    user.refresh_from_db()
    assert get_user_email(user) == NEW_ADDRESS


def test_parallel_undos_of_one_link_restore_the_address_once(servers, user):
    old_address = get_user_email(user)
    change = EmailChange.objects.create(
        user=user,
        old_address=old_address,
        new_address=NEW_ADDRESS,
        requested_at=timezone.now(),
        changed_at=timezone.now(),
    )
    email_field = get_user_email_field_name(user)
    setattr(user, email_field, NEW_ADDRESS)
    user.save(update_fields=[email_field])
    body = {
        "uid": encode_uid(user.pk),
        "token": email_change_undo_token_generator.make_token(user, change),
    }

    statuses = burst(servers, "/auth/users/me/email/undo/", body)

    assert statuses == [204] + [400] * (REQUESTS - 1)
    user.refresh_from_db()
    assert get_user_email(user) == old_address
    change.refresh_from_db()
    assert change.undone_at is not None
