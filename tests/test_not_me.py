"""The "this was not me" link in the notices of a new authenticator.

A thief holding the password alone of an account without two-factor
sign-in turns it on with a secret of their own, or adds a passkey of their
own. The notice to the owner carries a link (NOT_ME_URL) that removes
exactly that authenticator and locks everyone out; docs/security.rst.
"""

import time

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from djoser.compat import get_user_email
from djoser.mfa import totp
from djoser.mfa.models import TOTPDevice, has_mfa, turn_off
from djoser.not_me.checks import (
    check_not_me_link,
    check_not_me_timeout,
    check_not_me_url,
)
from djoser.not_me.models import NewAuthenticator
from djoser.utils import encode_uid
from djoser.webauthn.models import Passkey
from tests.conftest import NEW_PASSWORD, PASSWORD, reauthenticate
from tests.helpers import link_in
from tests.mfa.conftest import login_body
from tests.token_models import token_model
from tests.webauthn.authenticator import SoftAuthenticator
from tests.webauthn.helpers import post

pytestmark = pytest.mark.django_db

NOT_ME_FORMAT = "#/not-me/{uid}/{token}"
RESET_FORMAT = "#/password/reset/confirm/{uid}/{token}"
LINK_START = "http://testserver/#/not-me/"


@pytest.fixture(autouse=True)
def _link_on(djoser_settings):
    djoser_settings(NOT_ME_URL=NOT_ME_FORMAT, PASSWORD_RESET_CONFIRM_URL=RESET_FORMAT)


def turn_on_mfa(client):
    """Turn two-factor sign-in on through ``client``; the new secret."""
    reauthenticate(client)
    secret = client.get(reverse("mfa-totp")).data["secret"]
    response = client.post(reverse("mfa-totp"), {"code": totp.code_at(secret)})
    assert response.status_code == 201, response.data
    return secret


def add_passkey(client):
    """Add a passkey through ``client``; its authenticator."""
    key = SoftAuthenticator()
    reauthenticate(client)
    options = post(client, "webauthn_passkey_add_request").data
    response = post(client, "webauthn_passkey_add", key.create(options))
    assert response.status_code == 201, response.data
    return key


def passkey_login(authenticator):
    client = APIClient()
    options = post(client, "webauthn_login_request", {}).data
    return post(client, "webauthn_login", authenticator.get(options))


def not_me_link(mail):
    uid, token = link_in(mail, NOT_ME_FORMAT)
    return {"uid": uid, "token": token}


def use(link):
    return APIClient().post(reverse("user-not-me"), link, format="json")


def mails_with_links(mailoutbox):
    return [mail for mail in mailoutbox if LINK_START in mail.body]


class TestTheNotices:
    def test_the_mfa_enabled_notice_carries_the_link(
        self, client_for, user, mailoutbox
    ):
        turn_on_mfa(client_for(user))

        (notice,) = mails_with_links(mailoutbox)
        assert notice.to == [get_user_email(user)]
        assert "Two-factor sign-in is on" in notice.subject
        assert LINK_START in notice.alternatives[0][0]

    def test_the_passkey_added_notice_carries_the_link(
        self, client_for, user, mailoutbox
    ):
        add_passkey(client_for(user))

        (notice,) = mails_with_links(mailoutbox)
        assert "passkey was added" in notice.subject

    def test_without_the_url_there_is_no_link_and_nothing_is_kept(
        self, client_for, user, mailoutbox, djoser_settings
    ):
        djoser_settings(NOT_ME_URL=None)
        client = client_for(user)
        add_passkey(client)
        turn_on_mfa(client)

        assert len(mailoutbox) == 2
        assert mails_with_links(mailoutbox) == []
        assert "not-me" not in mailoutbox[0].body
        assert not NewAuthenticator.objects.exists()

    def test_without_the_url_the_endpoint_answers_404(self, djoser_settings):
        djoser_settings(NOT_ME_URL=None)

        response = use({"uid": "MQ", "token": "1-2-3"})

        assert response.status_code == 404

    def test_each_notice_deletes_the_expired_records_of_every_account(
        self, client_for, user, other_user, mailoutbox
    ):
        with time_machine.travel(time.time() - 4 * 24 * 3600, tick=False):
            turn_on_mfa(client_for(other_user))
        add_passkey(client_for(user))

        (record,) = NewAuthenticator.objects.all()
        assert (record.user, record.kind) == (user, NewAuthenticator.PASSKEY)


class TestTwoFactorTurnedOnByAThief:
    def test_the_owner_resets_the_password_and_signs_in_without_a_code(
        self, client_for, user, fields, mailoutbox
    ):
        turn_on_mfa(client_for(user))
        link = not_me_link(mails_with_links(mailoutbox)[0])

        assert use(link).status_code == 204

        assert not has_mfa(user)
        (reset_mail,) = [m for m in mailoutbox if "#/password/reset/" in m.body]
        uid, token = link_in(reset_mail, RESET_FORMAT)
        reset = {"uid": uid, "token": token, "new_password": NEW_PASSWORD}
        response = APIClient().post(reverse("user-reset-password-confirm"), reset)
        assert response.status_code == 204
        login = APIClient().post(
            reverse("login"), login_body(fields, user, NEW_PASSWORD)
        )
        assert login.status_code == 200
        assert "auth_token" in login.data

    def test_the_thiefs_password_and_tokens_stop_working(
        self, client_for, user, fields, mailoutbox
    ):
        thief = client_for(user)
        turn_on_mfa(thief)

        use(not_me_link(mails_with_links(mailoutbox)[0]))

        assert thief.get(reverse("user-me")).status_code == 401
        assert not token_model().objects.filter(user=user).exists()
        user.refresh_from_db()
        assert not user.check_password(PASSWORD)
        login = APIClient().post(reverse("login"), login_body(fields, user))
        assert login.status_code == 400

    def test_the_owner_is_told_what_went(self, client_for, user, mailoutbox):
        turn_on_mfa(client_for(user))
        link = not_me_link(mails_with_links(mailoutbox)[0])
        mailoutbox.clear()

        use(link)

        removed, reset = mailoutbox
        assert removed.to == reset.to == [get_user_email(user)]
        assert "signed out" in removed.subject
        assert "two-factor sign-in" in removed.body
        assert "#/password/reset/confirm/" in reset.body

    def test_a_later_enrolment_by_the_owner_is_not_removed_by_an_old_link(
        self, client_for, user, mailoutbox
    ):
        turn_on_mfa(client_for(user))
        old_link = not_me_link(mails_with_links(mailoutbox)[0])
        # Turned off (an administrator, say), then on again by the owner: the
        # new authenticator may even get the old one's primary key.
        thiefs_pk = TOTPDevice.objects.get(user=user).pk
        turn_off(user)
        turn_on_mfa(client_for(user))
        # As a database that counts again from its highest row does (MySQL
        # before 8.0, after a restart).
        TOTPDevice.objects.filter(user=user).update(id=thiefs_pk)
        owners = TOTPDevice.objects.get(user=user)
        mailoutbox.clear()

        assert use(old_link).status_code == 204

        assert has_mfa(user)
        assert TOTPDevice.objects.get(user=user).secret == owners.secret
        assert "had been removed already" in mailoutbox[0].body

    def test_the_link_works_once(self, client_for, user, mailoutbox):
        turn_on_mfa(client_for(user))
        link = not_me_link(mails_with_links(mailoutbox)[0])
        assert use(link).status_code == 204

        again = use(link)

        assert again.status_code == 400
        assert again.data["token"][0].code == "invalid_token"

    def test_an_expired_link_answers_400_and_changes_nothing(
        self, client_for, user, mailoutbox
    ):
        turn_on_mfa(client_for(user))
        link = not_me_link(mails_with_links(mailoutbox)[0])

        with time_machine.travel(time.time() + 3 * 24 * 3600 + 5, tick=False):
            response = use(link)

        assert response.status_code == 400
        assert "token" in response.data
        assert has_mfa(user)

    def test_the_lifetime_is_a_setting(
        self, client_for, user, mailoutbox, djoser_settings
    ):
        djoser_settings(NOT_ME_TIMEOUT=60)
        turn_on_mfa(client_for(user))
        link = not_me_link(mails_with_links(mailoutbox)[0])

        with time_machine.travel(time.time() + 61, tick=False):
            assert use(link).status_code == 400
        djoser_settings(NOT_ME_TIMEOUT=120)
        with time_machine.travel(time.time() + 61, tick=False):
            assert use(link).status_code == 204

    def test_a_new_password_of_the_thief_does_not_end_the_link(
        self, client_for, user, mailoutbox
    ):
        thief = client_for(user)
        secret = turn_on_mfa(thief)
        link = not_me_link(mails_with_links(mailoutbox)[0])
        with time_machine.travel(time.time() + 30, tick=False):
            body = {
                "current_password": PASSWORD,
                "new_password": NEW_PASSWORD,
                "code": totp.code_at(secret),
            }
            changed = thief.post(reverse("user-set-password"), body, format="json")
        assert changed.status_code == 204, changed.data

        assert use(link).status_code == 204
        assert not has_mfa(user)

    def test_another_accounts_uid_answers_400(
        self, client_for, user, other_user, mailoutbox
    ):
        turn_on_mfa(client_for(user))
        link = not_me_link(mails_with_links(mailoutbox)[0])

        response = use({**link, "uid": encode_uid(other_user.pk)})

        assert response.status_code == 400
        assert has_mfa(user)


class TestAPlantedPasskey:
    def test_stops_logging_in(self, client_for, user, mailoutbox):
        thief_key = add_passkey(client_for(user))
        assert passkey_login(thief_key).status_code == 201

        assert use(not_me_link(mails_with_links(mailoutbox)[0])).status_code == 204

        refused = passkey_login(thief_key)
        assert refused.status_code == 400
        assert "auth_token" not in refused.data

    def test_only_that_passkey_goes(self, client_for, user, mailoutbox):
        owner_key = add_passkey(client_for(user))
        thief_key = add_passkey(client_for(user))
        thief_link = not_me_link(mails_with_links(mailoutbox)[1])
        mailoutbox.clear()

        assert use(thief_link).status_code == 204

        assert passkey_login(owner_key).status_code == 201
        assert passkey_login(thief_key).status_code == 400
        assert Passkey.objects.filter(user=user).count() == 1
        assert "the passkey" in mailoutbox[0].body

    def test_a_passkey_the_owner_added_later_stays(self, client_for, user, mailoutbox):
        add_passkey(client_for(user))
        thiefs_pk = Passkey.objects.get(user=user).pk
        link = not_me_link(mails_with_links(mailoutbox)[0])
        Passkey.objects.filter(pk=thiefs_pk).delete()
        owner_key = add_passkey(client_for(user))
        # Given the deleted passkey's primary key, as some databases do.
        Passkey.objects.filter(user=user).update(id=thiefs_pk)

        assert use(link).status_code == 204

        assert passkey_login(owner_key).status_code == 201

    def test_two_factor_sign_in_stays(self, client_for, user, mailoutbox):
        client = client_for(user)
        turn_on_mfa(client)
        mailoutbox.clear()
        # With two-factor sign-in on, reauthenticating takes a code.
        add_passkey_with_code(client, user)

        assert use(not_me_link(mails_with_links(mailoutbox)[0])).status_code == 204

        assert has_mfa(user)
        assert not Passkey.objects.filter(user=user).exists()


def add_passkey_with_code(client, user):
    device = TOTPDevice.objects.get(user=user)
    with time_machine.travel(time.time() + 30, tick=False):
        reauthenticate(client, code=totp.code_at(device.secret))
        options = post(client, "webauthn_passkey_add_request").data
        key = SoftAuthenticator()
        response = post(client, "webauthn_passkey_add", key.create(options))
    assert response.status_code == 201, response.data
    return key


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"uid": "MQ"},
        {"uid": 1, "token": 2},
        {"uid": ["MQ"], "token": {"a": 1}},
        {"uid": None, "token": None},
        {"uid": "MQ", "token": "1-2-3"},
        {"uid": "MQ", "token": "zz-zz-" + "0" * 64},
        {"uid": "MQ", "token": "1-1-1-1"},
        {"uid": "MQ", "token": "-" * 500},
        {"uid": "MQ", "token": "é-1-0"},
        {"uid": "MQ", "token": "1\x00-1-0"},
        {"uid": "M\x00Q", "token": "1-1-0"},
        {"uid": "MQ", "token": "9" * 100_000 + "-1-0"},
        {"uid": "9" * 10_000, "token": "1-1-0"},
        {"uid": "!!!", "token": "1-1-0"},
    ],
)
def test_bad_input_answers_400_and_changes_nothing(body, client_for, user, mailoutbox):
    turn_on_mfa(client_for(user))
    mailoutbox.clear()

    response = use(body)

    assert response.status_code == 400
    assert has_mfa(user)
    assert mailoutbox == []


def test_a_lone_surrogate_answers_400(client_for, user):
    turn_on_mfa(client_for(user))

    response = APIClient().post(
        reverse("user-not-me"),
        b'{"uid": "\\ud800", "token": "\\udfff"}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert has_mfa(user)


class TestChecks:
    def test_w621_warns_on_deploy_while_notices_carry_no_link(self, djoser_settings):
        assert check_not_me_link() == []
        djoser_settings(NOT_ME_URL=None)

        (warning,) = check_not_me_link()

        assert warning.id == "djoser.W621"
        assert "mfa_enabled and passkey_added" in warning.msg

    def test_w621_names_only_the_notices_sent(self, djoser_settings):
        djoser_settings(NOT_ME_URL=None, SECURITY_NOTICES={"passkey_added": False})

        (warning,) = check_not_me_link()

        assert "The mfa_enabled notices" in warning.msg

    def test_w621_is_quiet_without_notices_of_new_authenticators(
        self, djoser_settings, monkeypatch
    ):
        djoser_settings(NOT_ME_URL=None, SECURITY_NOTICES={"passkey_added": False})
        monkeypatch.setattr(
            "djoser.not_me.checks.apps.is_installed", lambda name: name != "djoser.mfa"
        )

        assert check_not_me_link() == []

    @pytest.mark.parametrize("url", ["#/not-me/{uid}", "#/{token}", 5])
    def test_a_url_without_both_placeholders_is_e621(self, djoser_settings, url):
        djoser_settings(NOT_ME_URL=url)

        assert [error.id for error in check_not_me_url()] == ["djoser.E621"]

    @pytest.mark.parametrize("timeout", [0, -1, "60", None, True, 1.5])
    def test_a_timeout_that_is_not_a_lifetime_is_e622(self, djoser_settings, timeout):
        djoser_settings(NOT_ME_TIMEOUT=timeout)

        assert [error.id for error in check_not_me_timeout()] == ["djoser.E622"]

    def test_the_defaults_pass(self):
        assert check_not_me_url() == []
        assert check_not_me_timeout() == []
