"""Reauthentication marks of JSON Web Tokens that carry a session id: the
session is marked, so refreshing keeps the mark and ending the session
ends it (djoser.reauthentication.credentials.credential_key)."""

from django.urls import reverse
from rest_framework_simplejwt.tokens import AccessToken

from djoser.reauthentication.credentials import credential_key
from tests.conftest import PASSWORD, reauthenticate
from tests.sessions.conftest import bearer, claims, refresh, seconds, session_of

# A request that needs a fresh reauthentication and reads no body.
SENSITIVE = reverse("mfa-totp")


def stand_in(access, user):
    """A request as credential_key sees it."""

    class Request:
        auth = AccessToken(access)

    Request.user = user
    return Request


def test_a_mark_outlives_refreshing_the_access_token(jwt_login, user, clock):
    pair = jwt_login(user)
    reauthenticate(bearer(pair["access"]))
    clock.shift(seconds(60))

    refreshed = refresh(pair["refresh"]).data

    assert bearer(refreshed["access"]).get(SENSITIVE).status_code == 200


def test_the_mark_still_ends_after_the_timeout(jwt_login, user, clock):
    pair = jwt_login(user)
    reauthenticate(bearer(pair["access"]))
    clock.shift(seconds(301))

    refreshed = refresh(pair["refresh"]).data

    assert bearer(refreshed["access"]).get(SENSITIVE).status_code == 401


def test_another_session_of_the_account_is_not_made_fresh(jwt_login, user):
    phone, laptop = jwt_login(user), jwt_login(user)

    reauthenticate(bearer(phone["access"]))

    assert bearer(phone["access"]).get(SENSITIVE).status_code == 200
    assert bearer(laptop["access"]).get(SENSITIVE).status_code == 401


def test_an_ended_session_keeps_no_usable_mark(jwt_login, user):
    # SENSITIVE authenticates with simplejwt's own class here: the access
    # token itself still works after its session ended.
    pair = jwt_login(user)
    client = bearer(pair["access"])
    reauthenticate(client)

    session_of(pair["refresh"]).revoke("logout")

    response = client.get(SENSITIVE)
    assert response.status_code == 401
    assert response.data["reauthentication_required"] is True


def test_an_ended_session_cannot_be_reauthenticated(jwt_login, user):
    pair = jwt_login(user)
    session_of(pair["refresh"]).revoke("logout")

    response = bearer(pair["access"]).post(
        reverse("reauthenticate"), {"current_password": PASSWORD}, format="json"
    )

    assert response.status_code == 400


def test_a_session_is_named_by_its_model_and_id(jwt_login, user):
    pair = jwt_login(user)

    key = credential_key(stand_in(pair["access"], user))

    assert key == f"djoser_sessions.session:{claims(pair['access'])['sid']}"


def test_another_users_session_names_nothing(jwt_login, user, other_user):
    pair = jwt_login(user)

    assert credential_key(stand_in(pair["access"], other_user)) is None


def test_while_sessions_are_paused_the_access_token_is_named(
    jwt_login, sessions_on, user
):
    pair = jwt_login(user)
    sessions_on(ENABLED=False)

    key = credential_key(stand_in(pair["access"], user))

    assert key == f"jwt:{claims(pair['access'])['jti']}"
