"""The admin lists and revokes sessions; a command deletes the spent ones."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from djoser.sessions.models import Session
from tests.sessions.conftest import me, seconds, session_of


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_the_changelist_shows_sessions(admin_client, jwt_login, user):
    jwt_login(user, user_agent="Firefox/140")

    response = admin_client.get(reverse("admin:djoser_sessions_session_changelist"))

    assert response.status_code == 200
    assert b'<td class="field-kind">jwt</td>' in response.content
    assert str(user).encode() in response.content


def test_the_revoke_action_ends_the_selected_sessions(admin_client, jwt_login, user):
    chosen, kept = jwt_login(user), jwt_login(user)

    response = admin_client.post(
        reverse("admin:djoser_sessions_session_changelist"),
        {
            "action": "revoke_sessions",
            "_selected_action": [session_of(chosen["refresh"]).pk],
        },
        follow=True,
    )

    assert response.status_code == 200
    assert session_of(chosen["refresh"]).revoked_reason == "admin"
    assert me(chosen["access"]).status_code == 401
    assert me(kept["access"]).status_code == 200


def test_sessions_cannot_be_added_or_changed(admin_client, jwt_login, user):
    pair = jwt_login(user)

    add = admin_client.get(reverse("admin:djoser_sessions_session_add"))
    change = admin_client.post(
        reverse(
            "admin:djoser_sessions_session_change",
            args=[session_of(pair["refresh"]).pk],
        ),
        {"kind": "other"},
    )

    assert add.status_code == 403
    assert session_of(pair["refresh"]).kind == "jwt"
    assert change.status_code in (302, 403)


def test_the_command_deletes_expired_and_revoked_sessions_only(jwt_login, user, clock):
    expired, revoked, live = jwt_login(user), jwt_login(user), jwt_login(user)
    Session.objects.filter(pk=session_of(expired["refresh"]).pk).update(
        expires=Session.objects.get(pk=session_of(live["refresh"]).pk).created
    )
    session_of(revoked["refresh"]).revoke("logout")
    clock.shift(seconds(1))
    output = StringIO()

    call_command("delete_expired_sessions", stdout=output)

    assert list(Session.objects.values_list("pk", flat=True)) == [
        session_of(live["refresh"]).pk
    ]
    assert output.getvalue() == "Deleted 2 expired or revoked session(s).\n"
