"""SQL statements of a device login and logouts, in autocommit as a server runs them.

bench/compare.py measures these against django-rest-knox (docs/performance.rst).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.devicetokens.conftest import hours, me, tokens_of

pytestmark = pytest.mark.django_db(transaction=True)


def statements(captured):
    return [query["sql"].split()[0] for query in captured.captured_queries]


def test_a_login_without_lifetime_or_cap_inserts_the_token_outside_a_transaction(
    login, user, django_assert_num_queries
):
    # The second SELECT: djoser.mfa asks whether the account has two-factor.
    with django_assert_num_queries(4) as captured:
        login(user)

    assert statements(captured) == ["SELECT", "SELECT", "INSERT", "UPDATE"]


def test_a_login_with_a_lifetime_prunes_in_the_same_transaction(
    login, user, device_settings, django_assert_num_queries
):
    device_settings(LIFETIME=hours(1))

    with django_assert_num_queries(7) as captured:
        login(user)

    assert statements(captured) == [
        "SELECT",
        "SELECT",
        "BEGIN",
        "INSERT",
        "DELETE",
        "COMMIT",
        "UPDATE",
    ]


def test_a_logout_deletes_its_token_in_one_statement(
    login, user, clock, django_assert_num_queries
):
    phone = login(user)
    me(phone)  # the first use is written down

    with django_assert_num_queries(2) as captured:
        response = phone.post(reverse("logout"))

    assert response.status_code == 204
    assert statements(captured) == ["SELECT", "DELETE"]


def test_logout_all_deletes_the_users_tokens_in_one_statement(login, user, clock):
    phone = login(user)
    login(user)
    me(phone)

    with CaptureQueriesContext(connection) as captured:
        response = phone.post(
            reverse("logout_all"), {"current_password": PASSWORD}, format="json"
        )

    assert response.status_code == 204
    token_writes = [
        query["sql"]
        for query in captured.captured_queries
        if "djoser_devicetokens" in query["sql"]
        and not query["sql"].startswith("SELECT")
    ]
    assert len(token_writes) == 1
    assert token_writes[0].startswith("DELETE")
    assert not tokens_of(user).exists()
