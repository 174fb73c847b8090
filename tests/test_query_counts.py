"""SQL queries per request, pinned so that none can creep in unnoticed.

The counts are those bench/compare.py reports (and compares with djoser
2.3.5), measured here on the test project: requests run in autocommit, as
under a real server, so a transaction shows as BEGIN and COMMIT. Every
count includes the token authentication's own query where there is one.
"""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from djoser.utils import encode_uid
from tests.conftest import NEW_PASSWORD, PASSWORD

# Counted with DRF's Token; djoser.devicetokens pins its own queries.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.drf_token]

STAFF_LIST_SIZE = 1000


def _registration(fields):
    return {**fields.values(), "password": PASSWORD}


def _login_body(fields, user):
    return {fields.username: getattr(user, fields.username), "password": PASSWORD}


def _link(user):
    return {
        "uid": encode_uid(user.pk),
        "token": default_token_generator.make_token(user),
    }


# name -> (queries, or a function of the user fields giving them, prepare);
# prepare(case) returns
# (client, method, url name, body, status).
def register(case):
    return case.anonymous, "post", "user-list", _registration(case.fields), 201


def register_with_activation_email(case):
    case.djoser_settings(SEND_ACTIVATION_EMAIL=True)
    return register(case)


def token_login_new_token(case):
    body = _login_body(case.fields, case.make_user())
    return case.anonymous, "post", "login", body, 200


def token_login_token_exists(case):
    user = case.make_user()
    Token.objects.create(user=user)
    return case.anonymous, "post", "login", _login_body(case.fields, user), 200


def jwt_create(case):
    body = _login_body(case.fields, case.make_user())
    return case.anonymous, "post", "jwt-create", body, 200


def jwt_refresh(case):
    body = {"refresh": str(RefreshToken.for_user(case.make_user()))}
    return case.anonymous, "post", "jwt-refresh", body, 200


def jwt_verify(case):
    body = {"token": str(RefreshToken.for_user(case.make_user()).access_token)}
    return case.anonymous, "post", "jwt-verify", body, 200


def me_get(case):
    return case.client_for(case.make_user()), "get", "user-me", None, 200


def me_patch(case):
    user = case.make_user()
    body = {case.fields.email: f"changed-{getattr(user, case.fields.email)}"}
    if case.fields.email == case.fields.username:
        # The login field is read-only there, and no other field is exposed:
        # the PATCH sets nothing, and writes nothing.
        body = {}
    return case.client_for(user), "patch", "user-me", body, 200


def me_patch_queries(fields):
    return 1 if fields.email == fields.username else 2


def set_password(case):
    body = {"new_password": NEW_PASSWORD, "current_password": PASSWORD}
    return case.client_for(case.make_user()), "post", "user-set-password", body, 204


def set_username(case):
    body = {
        f"new_{case.fields.username}": case.fields.values()[case.fields.username],
        "current_password": PASSWORD,
    }
    return case.client_for(case.make_user()), "post", "user-set-username", body, 204


def reset_password_known(case):
    body = {case.fields.email: getattr(case.make_user(), case.fields.email)}
    return case.anonymous, "post", "user-reset-password", body, 204


def reset_password_unknown(case):
    body = {case.fields.email: "nobody@example.com"}
    return case.anonymous, "post", "user-reset-password", body, 204


def reset_password_confirm(case):
    body = {**_link(case.make_user()), "new_password": NEW_PASSWORD}
    return case.anonymous, "post", "user-reset-password-confirm", body, 204


def activation(case):
    body = _link(case.make_user(is_active=False))
    return case.anonymous, "post", "user-activation", body, 204


def token_logout(case):
    return case.client_for(case.make_user()), "post", "logout", None, 204


def account_deletion(case):
    body = {"current_password": PASSWORD}
    return case.client_for(case.make_user()), "delete", "user-me", body, 204


def staff_user_list(case):
    model = case.fields.model
    model._default_manager.bulk_create(
        model(**case.fields.values()) for _ in range(STAFF_LIST_SIZE - 1)
    )
    staff = case.make_user(is_staff=True)
    return case.client_for(staff), "get", "user-list", None, 200


# The test project has the admin installed: deleting an account also deletes
# its admin log entries, one query more than in the bench project.
# The test project installs apps the bench project leaves out, and each adds
# statements there: simplejwt's token_blacklist records (or looks up) every
# refresh token, and a deleted account's rows cascade into each app.
BLACKLIST = 1
# djoser.devicetokens deletes a user's device tokens in one DELETE (inside
# the transaction of a used link).
DEVICE_TOKENS_REVOKED = 1
# device tokens, webauthn (3), outstanding tokens, social_django, djoser.mfa (3),
# djoser.sessions, djoser.codes (djoser's own email changes and new
# authenticators cascade in the bench project too: not in the count below)
DELETION_CASCADES = 11
# A link is checked and used in a transaction that locks the user's row:
# BEGIN, SELECT ... FOR UPDATE and COMMIT where the user's SELECT was. SQLite
# has no row locks; its transaction begins IMMEDIATE, taking the database's
# write lock. Either way the locked read is the only read of the user.
LINK_TRANSACTION = 2
# djoser.mfa: a password login asks once whether the account has two-factor
# sign-in on (one indexed query), before it issues a credential; so does a
# change that needs reauthentication, before its serializer checks the
# password (djoser.reauthentication).
MFA_CHECK = 1

QUERIES = {
    "register": (4, register),
    "register (activation email)": (4, register_with_activation_email),
    "token login (new token)": (4 + MFA_CHECK, token_login_new_token),
    "token login (token exists)": (3 + MFA_CHECK, token_login_token_exists),
    "jwt create": (1 + BLACKLIST + MFA_CHECK, jwt_create),
    "jwt refresh": (1 + BLACKLIST, jwt_refresh),
    "jwt verify": (0, jwt_verify),
    "users/me/ GET": (1, me_get),
    "users/me/ PATCH": (me_patch_queries, me_patch),
    "set_password": (2 + MFA_CHECK, set_password),
    "set_username": (3 + MFA_CHECK, set_username),
    "reset_password (known)": (1, reset_password_known),
    "reset_password (unknown)": (1, reset_password_unknown),
    "reset_password_confirm": (
        2 + LINK_TRANSACTION + BLACKLIST + DEVICE_TOKENS_REVOKED,
        reset_password_confirm,
    ),
    "activation": (2 + LINK_TRANSACTION, activation),
    "token logout": (2, token_logout),
    "account deletion": (
        10 + BLACKLIST + DELETION_CASCADES + MFA_CHECK,
        account_deletion,
    ),
    "users/ as staff (1000 users)": (2, staff_user_list),
}


class Case:
    def __init__(self, fields, make_user, client_for, djoser_settings):
        self.fields = fields
        self.make_user = make_user
        self.client_for = client_for
        self.djoser_settings = djoser_settings
        self.anonymous = APIClient()


@pytest.mark.parametrize("name", QUERIES)
def test_queries_per_request(
    name, fields, make_user, client_for, djoser_settings, django_assert_num_queries
):
    queries, prepare = QUERIES[name]
    if callable(queries):
        queries = queries(fields)
    case = Case(fields, make_user, client_for, djoser_settings)
    client, method, url_name, body, status = prepare(case)
    assert not connection.in_atomic_block  # counted as a server would run it
    with django_assert_num_queries(queries):
        response = getattr(client, method)(reverse(url_name), body, format="json")
    assert response.status_code == status, response.content
