"""A passkey login records its session (djoser.sessions)."""

from djoser.sessions.models import Session, credential_id
from tests.sessions.conftest import sessions_on  # noqa: F401
from tests.token_models import tokens_of


def test_a_passkey_login_records_a_session_bound_to_its_token(
    sessions_on,  # noqa: F811
    passkey_user,
    login,
):
    response = login()

    assert response.status_code == 201
    session = Session.objects.get()
    assert (session.user, session.kind) == (passkey_user, "passkey")
    assert session.credential == credential_id(tokens_of(passkey_user).get())
