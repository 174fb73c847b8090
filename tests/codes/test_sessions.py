"""A login by code records its session (djoser.sessions)."""

from rest_framework_simplejwt.tokens import UntypedToken

from djoser.sessions.models import Session
from tests.codes.conftest import code_in, confirm, request_code
from tests.sessions.conftest import sessions_on  # noqa: F401


def test_a_code_login_records_a_session_named_code(
    api_client,
    codes_on,
    sessions_on,  # noqa: F811
    settings,
    djoser_settings,
    user,
    fields,
    mailoutbox,
):
    djoser_settings(CODES={"LOGIN": True}, SESSIONS=settings.DJOSER["SESSIONS"])
    token = request_code(api_client, getattr(user, fields.email)).data["login_token"]

    response = confirm(api_client, token, code_in(mailoutbox[0]), kind="jwt")

    assert response.status_code == 200
    session = Session.objects.get()
    assert (session.user, session.kind) == (user, "code")
    assert UntypedToken(response.data["refresh"])["sid"] == session.pk
