"""The ``webauthn`` migrations continue djoser 2.x's and keep its passkeys.

Each test moves the app's schema with Django's migration executor and puts
it back to the latest migration afterwards. djoser 2.x's rows are written as
py_webauthn 0.4 stored them (see the 0003 migration's docstring).
"""

import cbor2
import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from djoser.webauthn.models import Passkey, UserHandle
from tests.webauthn.authenticator import SoftAuthenticator, b64url, unb64url
from tests.webauthn.helpers import DJOSER_2, LATEST, migrate, post

pytestmark = pytest.mark.django_db(transaction=True)


def djoser_2_signup(authenticator, ukey="Abc123xyz0Abc123xyz0"):
    """What py_webauthn 0.4 returned for a registration: base64url strings.

    The authenticator is given ``user.id`` as the ukey's UTF-8 bytes, as a
    browser does with the string djoser 2.x sent.
    """
    answer = authenticator.create(
        {
            "rp": {"id": "localhost"},
            "user": {"id": b64url(ukey.encode())},
            "challenge": "c",
        }
    )
    auth_data = cbor2.loads(unb64url(answer["response"]["attestationObject"]))[
        "authData"
    ]
    id_length = int.from_bytes(auth_data[53:55], "big")
    credential_id = auth_data[55 : 55 + id_length]
    public_key = auth_data[55 + id_length :]
    return {
        "ukey": ukey,
        "credential_id": b64url(credential_id),
        "public_key": b64url(public_key),
    }


def djoser_2_row(CredentialOptions, user, fields, sign_count=0, **values):
    username = getattr(user, fields.username)
    return CredentialOptions.objects.create(
        user_id=user.pk,
        username=username,
        display_name=username,
        challenge="",
        sign_count=sign_count,
        **values,
    )


def test_a_djoser_2_credential_becomes_a_passkey_of_the_same_user(
    djoser_2_schema, make_user, fields
):
    user = make_user()
    stored = djoser_2_signup(SoftAuthenticator())
    djoser_2_row(djoser_2_schema, user, fields, sign_count=7, **stored)

    migrate(LATEST)

    passkey = Passkey.objects.get()
    assert passkey.user == user
    assert passkey.credential_id == stored["credential_id"]
    assert bytes(passkey.public_key) == unb64url(stored["public_key"])
    assert passkey.sign_count == 7
    assert UserHandle.objects.get(user=user).handle == b64url(stored["ukey"].encode())


def test_the_same_authenticator_logs_in_after_the_upgrade(
    djoser_2_schema, make_user, fields, api_client
):
    user = make_user()
    authenticator = SoftAuthenticator()
    djoser_2_row(djoser_2_schema, user, fields, **djoser_2_signup(authenticator))
    migrate(LATEST)

    options = post(api_client, "webauthn_login_request", {}).data
    response = post(api_client, "webauthn_login", authenticator.get(options))

    assert response.status_code == 201, response.data
    assert Passkey.objects.get().last_used is not None


def test_unfinished_djoser_2_signups_are_dropped(djoser_2_schema):
    djoser_2_schema.objects.create(
        username="pending", display_name="pending", ukey="u1", challenge="abc"
    )

    migrate(LATEST)

    assert not Passkey.objects.exists()
    assert not UserHandle.objects.exists()
    with connection.cursor() as cursor:
        assert "webauthn_credentialoptions" not in (
            connection.introspection.table_names(cursor)
        )


def test_a_row_whose_credential_is_not_base64url_is_left_behind(
    djoser_2_schema, make_user, fields
):
    good_user, bad_user = make_user(), make_user()
    djoser_2_row(
        djoser_2_schema, good_user, fields, **djoser_2_signup(SoftAuthenticator())
    )
    stored = djoser_2_signup(SoftAuthenticator(), ukey="Zyx987")
    djoser_2_row(
        djoser_2_schema, bad_user, fields, **{**stored, "public_key": "not*base64"}
    )

    migrate(LATEST)

    assert list(Passkey.objects.values_list("user", flat=True)) == [good_user.pk]


def test_a_database_of_our_earlier_releases_keeps_its_passkeys(
    passkey_user, api_client, authenticator
):
    # Our earlier releases' 0001_initial made our tables and nothing else;
    # Django recorded it as webauthn.0001_initial, like djoser's.
    recorder = MigrationRecorder(connection)
    for name in (
        "0002_passkey_challenge_userhandle",
        "0003_credentialoptions_to_passkeys",
        LATEST,
    ):
        recorder.record_unapplied("webauthn", name)

    migrate(LATEST)

    assert passkey_user.passkeys.count() == 1
    options = post(api_client, "webauthn_login_request", {}).data
    response = post(api_client, "webauthn_login", authenticator.get(options))
    assert response.status_code == 201, response.data


def test_going_back_keeps_each_users_most_recently_used_passkey(make_user, fields):
    user = make_user()
    stored = djoser_2_signup(SoftAuthenticator())
    UserHandle.objects.create(user=user, handle=b64url(stored["ukey"].encode()))
    Passkey.objects.create(
        user=user,
        name="old",
        credential_id=b64url(b"old"),
        public_key=b"old key",
    )
    recent = Passkey.objects.create(
        user=user,
        name="recent",
        credential_id=stored["credential_id"],
        public_key=unb64url(stored["public_key"]),
        sign_count=3,
        last_used="2026-01-01T00:00:00Z",
    )

    apps = migrate(DJOSER_2)
    try:
        row = apps.get_model("webauthn", "CredentialOptions").objects.get()
    finally:
        migrate(LATEST)

    assert row.user_id == user.pk
    assert row.username == getattr(user, fields.username)
    assert row.ukey == stored["ukey"]
    assert row.credential_id == recent.credential_id
    assert row.public_key == stored["public_key"]
    assert row.sign_count == 3
