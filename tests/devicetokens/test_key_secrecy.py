"""The key is answered once, at login, and never stored or shown again."""

import pytest
from django.db import connection
from django.urls import reverse

from djoser.devicetokens import keys
from tests.devicetokens.conftest import tokens_of


def secret_part(key):
    """What the stored prefix leaves out of the key."""
    return key[keys.PREFIX_LENGTH :]


def every_stored_value():
    """Every value in every table of the database, as text."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                yield from (str(value) for value in row)


@pytest.fixture
def phone(login, user):
    client = login(user, device_name="Phone")
    client.get(reverse("user-me"))
    return client


def test_the_key_is_in_no_table(phone):
    stored = list(every_stored_value())

    assert keys.digest(phone.key) in stored  # the scan does see the token's row
    assert not any(secret_part(phone.key) in value for value in stored)


def test_the_list_endpoint_shows_the_prefix_but_not_the_key(phone):
    body = phone.get(reverse("device-token-list")).content.decode()

    assert phone.key[: keys.PREFIX_LENGTH] in body
    assert secret_part(phone.key) not in body
    assert keys.digest(phone.key) not in body


class TestAdmin:
    def test_the_list_shows_prefix_device_and_user_but_not_the_key(
        self, admin_client, phone, user
    ):
        response = admin_client.get(
            reverse("admin:djoser_devicetokens_devicetoken_changelist")
        )

        body = response.content.decode()
        assert response.status_code == 200
        assert phone.key[: keys.PREFIX_LENGTH] in body
        assert "Phone" in body
        assert user.get_username() in body
        assert secret_part(phone.key) not in body
        assert keys.digest(phone.key) not in body

    def test_the_change_page_does_not_show_the_key(self, admin_client, phone, user):
        token = tokens_of(user).get()

        response = admin_client.get(
            reverse("admin:djoser_devicetokens_devicetoken_change", args=[token.pk])
        )

        body = response.content.decode()
        assert response.status_code == 200
        assert phone.key[: keys.PREFIX_LENGTH] in body
        assert secret_part(phone.key) not in body
        assert keys.digest(phone.key) not in body

    def test_tokens_cannot_be_added_in_the_admin(self, admin_client, device_settings):
        response = admin_client.get(
            reverse("admin:djoser_devicetokens_devicetoken_add")
        )

        assert response.status_code == 403

    def test_deleting_in_the_admin_revokes_the_token(self, admin_client, phone, user):
        token = tokens_of(user).get()

        admin_client.post(
            reverse("admin:djoser_devicetokens_devicetoken_delete", args=[token.pk]),
            {"post": "yes"},
        )

        assert phone.get(reverse("user-me")).status_code == 401
