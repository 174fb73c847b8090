"""Verified email change: users/me/email/ and users/me/email/confirm/.

The link goes to the new address; only opening it moves the account there,
and the old address is told. Each test runs with the three user models.
"""

import datetime
import json

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.core import checks
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from djoser import signals
from djoser.checks import check_email_change_url, check_email_change_verified
from djoser.compat import get_user_email
from djoser.email_change.models import EmailChange
from djoser.email_change.tokens import email_change_token_generator
from djoser.mfa.models import RecoveryCode, has_mfa
from djoser.utils import encode_uid
from djoser.webauthn.models import Passkey
from tests.conftest import NEW_PASSWORD, PASSWORD, reauthenticate
from tests.helpers import INVALID_PASSWORD, INVALID_TOKEN, INVALID_UID, link_in
from tests.mfa.conftest import enrol
from tests.test_delivery import PATHS, TASK_BACKEND, Delivery

URL_FORMAT = "#/email/confirm/{uid}/{token}"
NEW_ADDRESS = "moved.here@example.com"
DAY = 24 * 3600
DIRECT_CHANGE = (
    "The email address can only be changed through users/me/email/, which "
    "verifies the new address."
)
ADDRESS_SERIALIZER = "tests.serializers_for_tests.AddressUserSerializer"
ADDRESS_TAKEN = "This address belongs to another account now."


@pytest.fixture(autouse=True)
def _feature_on(djoser_settings):
    djoser_settings(EMAIL_CHANGE_CONFIRM_URL=URL_FORMAT)


@pytest.fixture
def change_url():
    return reverse("user-email-change")


@pytest.fixture
def confirm_url():
    return reverse("user-email-change-confirm")


@pytest.fixture
def ask(user_client, change_url, fields):
    """POST users/me/email/ as ``user``: ``ask(address, password=PASSWORD)``."""

    def post(address=NEW_ADDRESS, password=PASSWORD, client=None):
        body = {f"new_{fields.email}": address, "current_password": password}
        # json.dumps escapes a lone surrogate, which the test client cannot encode.
        return (client or user_client).post(
            change_url, json.dumps(body), content_type="application/json"
        )

    return post


@pytest.fixture
def confirm(api_client, confirm_url):
    """POST users/me/email/confirm/ anonymously, as a link opened elsewhere."""

    def post(uid, token):
        body = json.dumps({"uid": uid, "token": token})
        return api_client.post(confirm_url, body, content_type="application/json")

    return post


@pytest.fixture
def emailed_link(ask, mailoutbox):
    """Ask for the change and return the (uid, token) mailed to the new address."""

    def make(address=NEW_ADDRESS):
        assert ask(address).status_code == 202
        return link_in(mailoutbox[-1], URL_FORMAT)

    return make


def add_passkey(user, name):
    return Passkey.objects.create(
        user=user, name=name, credential_id=f"id-{name}", public_key=b"key"
    )


def address(user):
    user.refresh_from_db()
    return get_user_email(user)


def login(api_client, fields, login_address, password=PASSWORD):
    """Log in by email address (LOGIN_FIELD set to the email field)."""
    body = {fields.email: login_address, "password": password}
    return api_client.post(reverse("login"), body, format="json")


class TestRequest:
    def test_answers_202_and_mails_a_link_to_the_new_address(self, ask, mailoutbox):
        response = ask()

        assert response.status_code == 202
        assert [message.to for message in mailoutbox] == [[NEW_ADDRESS]]
        link_in(mailoutbox[0], URL_FORMAT)

    def test_changes_nothing_yet(self, ask, user):
        before = address(user)

        ask()

        assert address(user) == before

    def test_html_part_carries_the_same_link(self, ask, mailoutbox):
        ask()

        uid, token = link_in(mailoutbox[0], URL_FORMAT)
        html = mailoutbox[0].alternatives[0][0]
        assert f"/email/confirm/{uid}/{token}" in html

    def test_wrong_password_answers_400_and_mails_nothing(self, ask, mailoutbox):
        response = ask(password="not-the-password")

        assert response.status_code == 400
        assert response.json() == {"current_password": [INVALID_PASSWORD]}
        assert mailoutbox == []

    def test_anonymous_request_answers_401(self, api_client, change_url, fields):
        body = {f"new_{fields.email}": NEW_ADDRESS, "current_password": PASSWORD}

        assert api_client.post(change_url, body, format="json").status_code == 401

    def test_the_current_address_in_another_case_answers_400(
        self, ask, user, fields, mailoutbox
    ):
        response = ask(get_user_email(user).upper())

        assert response.status_code == 400
        assert list(response.json()) == [f"new_{fields.email}"]
        assert mailoutbox == []

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param("not-an-address", id="no-at-sign"),
            pytest.param("", id="empty"),
            pytest.param(None, id="null"),
            pytest.param(42, id="number"),
            pytest.param(["a@example.com"], id="list"),
            pytest.param({"a": {"b": {"c": "d"}}}, id="nested-object"),
            pytest.param("a\x00b@example.com", id="nul"),
            pytest.param("a" * 300 + "@example.com", id="longer-than-the-column"),
        ],
    )
    def test_bad_new_address_answers_400_and_mails_nothing(
        self, ask, user, fields, mailoutbox, value
    ):
        before = address(user)

        response = ask(value)

        assert response.status_code == 400
        assert f"new_{fields.email}" in response.json()
        assert mailoutbox == []
        assert address(user) == before

    def test_a_lone_surrogate_is_an_unreadable_body(self, ask, user, mailoutbox):
        before = address(user)

        response = ask("\ud800@example.com")

        assert response.status_code == 400
        assert "lone surrogate" in response.json()["detail"]
        assert mailoutbox == []
        assert address(user) == before

    def test_a_unicode_address_is_accepted(self, ask, mailoutbox):
        assert ask("zoe@exämple.com").status_code == 202
        assert mailoutbox[0].to == ["zoe@exämple.com"]

    def test_a_body_that_is_not_an_object_answers_400(self, user_client, change_url):
        response = user_client.post(
            change_url, "[1, 2]", content_type="application/json"
        )

        assert response.status_code == 400

    def test_malformed_json_answers_400(self, user_client, change_url):
        response = user_client.post(
            change_url, '{"new_email": ', content_type="application/json"
        )

        assert response.status_code == 400

    def test_sends_email_change_requested(self, ask, user, signal_calls):
        calls = signal_calls(signals.email_change_requested)

        ask()

        assert len(calls) == 1
        assert calls[0]["user"] == user
        assert calls[0]["new_address"] == NEW_ADDRESS


class TestAddressInUse:
    def test_answers_the_same_202(self, ask, other_user):
        assert ask(get_user_email(other_user)).status_code == 202

    def test_the_new_address_gets_a_notice_without_a_link(
        self, ask, other_user, mailoutbox
    ):
        taken = get_user_email(other_user)

        ask(taken)

        assert [message.to for message in mailoutbox] == [[taken]]
        assert "/email/confirm/" not in mailoutbox[0].body
        assert "An account already uses it" in mailoutbox[0].body

    def test_the_notice_does_not_name_the_requesting_account(
        self, ask, user, other_user, mailoutbox
    ):
        ask(get_user_email(other_user))

        assert get_user_email(user) not in mailoutbox[0].body

    def test_is_matched_whatever_the_case(self, ask, other_user, mailoutbox):
        ask(get_user_email(other_user).upper())

        assert "/email/confirm/" not in mailoutbox[0].body

    def test_sends_no_request_signal(self, ask, other_user, signal_calls):
        calls = signal_calls(signals.email_change_requested)

        ask(get_user_email(other_user))

        assert calls == []


class TestConfirm:
    def test_switches_the_address_and_answers_204(self, emailed_link, confirm, user):
        response = confirm(*emailed_link())

        assert response.status_code == 204
        assert address(user) == NEW_ADDRESS

    def test_works_once(self, emailed_link, confirm):
        link = emailed_link()
        confirm(*link)

        response = confirm(*link)

        assert response.status_code == 400
        assert response.json() == {"token": [INVALID_TOKEN]}

    def test_tells_the_old_address(self, emailed_link, confirm, user, mailoutbox):
        old = get_user_email(user)
        confirm(*emailed_link())

        notice = mailoutbox[-1]
        assert notice.to == [old]
        assert old in notice.body and NEW_ADDRESS in notice.body
        assert "A password reset sent to this address will not help" in notice.body
        assert "Contact the support of" in notice.body
        assert "/email/confirm/" not in notice.body

    def test_the_notice_names_the_support_contact_when_set(
        self, emailed_link, confirm, mailoutbox, djoser_settings
    ):
        djoser_settings(EMAIL_CHANGE_SUPPORT_CONTACT="help@example.com")
        confirm(*emailed_link())

        assert "Contact support at help@example.com" in mailoutbox[-1].body

    def test_sends_email_changed(self, emailed_link, confirm, user, signal_calls):
        old = get_user_email(user)
        calls = signal_calls(signals.email_changed)

        confirm(*emailed_link())

        assert len(calls) == 1
        assert calls[0]["user"] == user
        assert (calls[0]["old_address"], calls[0]["new_address"]) == (
            old,
            NEW_ADDRESS,
        )

    def test_a_later_request_outdates_nothing_but_the_first_link_still_moves_once(
        self, emailed_link, confirm, user
    ):
        first = emailed_link()
        second = emailed_link("second.choice@example.com")

        assert confirm(*second).status_code == 204
        assert confirm(*first).status_code == 400
        assert address(user) == "second.choice@example.com"

    def test_dies_when_the_password_changes(self, emailed_link, confirm, user):
        link = emailed_link()
        user.set_password(NEW_PASSWORD)
        user.save()

        assert confirm(*link).status_code == 400
        assert address(user) != NEW_ADDRESS

    def test_dies_when_the_address_changes(self, emailed_link, confirm, user, fields):
        link = emailed_link()
        setattr(user, fields.email, "elsewhere@example.com")
        user.save()

        assert confirm(*link).status_code == 400
        assert address(user) == "elsewhere@example.com"

    @pytest.mark.parametrize("url_name", ["login", "jwt-create"])
    def test_survives_a_login_elsewhere(
        self, emailed_link, confirm, user, fields, url_name
    ):
        link = emailed_link()
        body = {fields.username: getattr(user, fields.username), "password": PASSWORD}
        assert (
            APIClient().post(reverse(url_name), body, format="json").status_code == 200
        )

        assert confirm(*link).status_code == 204
        assert address(user) == NEW_ADDRESS

    def test_a_used_link_stays_dead_after_a_login(
        self, emailed_link, confirm, user, fields
    ):
        link = emailed_link()
        assert confirm(*link).status_code == 204
        user.refresh_from_db()  # the login is the new address where it is the email
        body = {fields.username: getattr(user, fields.username), "password": PASSWORD}
        assert (
            APIClient().post(reverse("login"), body, format="json").status_code == 200
        )

        assert confirm(*link).status_code == 400

    def test_a_token_for_another_account_answers_400(
        self, emailed_link, confirm, other_user
    ):
        _uid, token = emailed_link()

        response = confirm(encode_uid(other_user.pk), token)

        assert response.status_code == 400
        assert response.json() == {"token": [INVALID_TOKEN]}
        assert address(other_user) != NEW_ADDRESS

    def test_a_forged_address_in_the_token_answers_400(
        self, emailed_link, confirm, user
    ):
        uid, token = emailed_link()
        _address, made_at, signature = token.rsplit("-", 2)
        forged = email_change_token_generator.make_token(user, "thief@example.com")
        forged_address = forged.rsplit("-", 2)[0]

        response = confirm(uid, f"{forged_address}-{made_at}-{signature}")

        assert response.status_code == 400
        assert address(user) != "thief@example.com"

    def test_an_address_taken_meanwhile_answers_400(
        self, emailed_link, confirm, user, make_user, fields
    ):
        link = emailed_link()
        make_user(**{fields.email: NEW_ADDRESS})

        response = confirm(*link)

        assert response.status_code == 400
        assert response.json() == [ADDRESS_TAKEN]
        assert address(user) != NEW_ADDRESS

    @pytest.mark.parametrize(
        "uid",
        ["not*base64!", encode_uid(10**30), "A" * 10_000, "a\x00"],
    )
    def test_bad_uid_answers_400(self, emailed_link, confirm, uid):
        _uid, token = emailed_link()

        response = confirm(uid, token)

        assert response.status_code == 400
        assert "uid" in response.json()

    def test_unknown_uid_is_named(self, emailed_link, confirm):
        _uid, token = emailed_link()

        assert confirm(encode_uid(10**6), token).json() == {"uid": [INVALID_UID]}

    @pytest.mark.parametrize(
        "token",
        [
            "garbage",
            "a-b-c",
            "@@@-1-2",
            "bW92ZWQ-" + "z" * 40 + "-00",
            "bW92ZWQ-1-" + "\u00e9" * 64,
            "1" * 10_000,
        ],
    )
    def test_bad_token_answers_400(self, emailed_link, confirm, user, token):
        uid, _token = emailed_link()
        before = address(user)

        response = confirm(uid, token)

        assert response.status_code == 400
        assert response.json() == {"token": [INVALID_TOKEN]}
        assert address(user) == before

    @pytest.mark.parametrize("token", [None, 7, ["x"], {"a": {"b": "c"}}])
    def test_token_of_the_wrong_type_answers_400(self, emailed_link, confirm, token):
        uid, _token = emailed_link()

        response = confirm(uid, token)

        assert response.status_code == 400
        assert "token" in response.json()

    @pytest.mark.parametrize("field", ["uid", "token"])
    def test_a_lone_surrogate_is_an_unreadable_body(
        self, emailed_link, confirm, user, field
    ):
        link = dict(zip(["uid", "token"], emailed_link(), strict=True))
        before = address(user)

        response = confirm(**{**link, field: "\ud800"})

        assert response.status_code == 400
        assert "lone surrogate" in response.json()["detail"]
        assert address(user) == before


class TestExpiry:
    def test_a_link_works_until_the_reset_timeout_by_default(
        self, emailed_link, confirm, user, settings
    ):
        settings.PASSWORD_RESET_TIMEOUT = DAY
        link = emailed_link()

        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=DAY - 60)):
            assert confirm(*link).status_code == 204

    def test_a_link_dies_after_the_reset_timeout_by_default(
        self, emailed_link, confirm, user, settings
    ):
        settings.PASSWORD_RESET_TIMEOUT = DAY
        link = emailed_link()

        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=DAY + 60)):
            response = confirm(*link)

        assert response.status_code == 400
        assert address(user) != NEW_ADDRESS

    def test_email_change_timeout_overrides_it(
        self, emailed_link, confirm, user, djoser_settings
    ):
        djoser_settings(EMAIL_CHANGE_TIMEOUT=datetime.timedelta(minutes=10))
        link = emailed_link()

        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
            assert confirm(*link).status_code == 400


class TestLoginByAddress:
    """With the address as the login, only the confirmed address logs in."""

    @pytest.fixture(autouse=True)
    def _login_by_address(self, djoser_settings, fields, settings):
        djoser_settings(LOGIN_FIELD=fields.email)
        # Logins by a field other than USERNAME_FIELD go through this backend.
        settings.AUTHENTICATION_BACKENDS = [
            "djoser.auth_backends.LoginFieldBackend",
            "django.contrib.auth.backends.ModelBackend",
        ]

    def test_the_new_address_does_not_log_in_before_confirmation(
        self, emailed_link, api_client, fields
    ):
        emailed_link()

        assert login(api_client, fields, NEW_ADDRESS).status_code == 400

    def test_the_old_address_logs_in_before_confirmation(
        self, emailed_link, api_client, fields, user
    ):
        emailed_link()

        assert login(api_client, fields, get_user_email(user)).status_code == 200

    def test_the_new_address_logs_in_after_confirmation(
        self, emailed_link, confirm, api_client, fields, user
    ):
        old = get_user_email(user)
        confirm(*emailed_link())

        assert login(api_client, fields, NEW_ADDRESS).status_code == 200
        assert login(api_client, fields, old).status_code == 400


class TestFeatureOff:
    def test_request_answers_404_without_the_url_setting(
        self, ask, djoser_settings, mailoutbox
    ):
        djoser_settings(EMAIL_CHANGE_CONFIRM_URL=None)

        assert ask().status_code == 404
        assert mailoutbox == []

    def test_confirm_answers_404_without_the_url_setting(
        self, emailed_link, confirm, djoser_settings, user
    ):
        link = emailed_link()
        djoser_settings(EMAIL_CHANGE_CONFIRM_URL=None)

        assert confirm(*link).status_code == 404
        assert address(user) != NEW_ADDRESS


class TestRequiresVerification:
    @pytest.fixture(autouse=True)
    def _address_writable(self, djoser_settings):
        # With EmailUser the address is the read-only login field of the
        # default serializer: a project that lets users/me/ write it.
        djoser_settings(SERIALIZERS={"current_user": ADDRESS_SERIALIZER})

    def test_patch_me_changes_the_address_directly_by_default(
        self, user_client, user, fields
    ):
        response = user_client.patch(
            reverse("user-me"), {fields.email: NEW_ADDRESS}, format="json"
        )

        assert response.status_code == 200
        assert address(user) == NEW_ADDRESS

    @pytest.mark.parametrize("method", ["patch", "put"])
    def test_patch_and_put_me_refuse_a_new_address(
        self, user_client, user, fields, djoser_settings, method
    ):
        djoser_settings(EMAIL_CHANGE_REQUIRES_VERIFICATION=True)
        current_name = getattr(user, fields.username)
        body = {**fields.values(), fields.username: current_name}
        body[fields.email] = NEW_ADDRESS
        before = address(user)

        response = getattr(user_client, method)(reverse("user-me"), body, format="json")

        assert response.status_code == 400
        assert response.json() == {fields.email: [DIRECT_CHANGE]}
        assert address(user) == before

    def test_patch_me_with_the_same_address_still_works(
        self, user_client, user, fields, djoser_settings
    ):
        djoser_settings(EMAIL_CHANGE_REQUIRES_VERIFICATION=True)
        body = {fields.email: get_user_email(user)}

        response = user_client.patch(reverse("user-me"), body, format="json")

        assert response.status_code == 200

    def test_set_email_refuses_a_new_address(
        self, user_client, user, fields, djoser_settings
    ):
        djoser_settings(
            EMAIL_CHANGE_REQUIRES_VERIFICATION=True, LOGIN_FIELD=fields.email
        )
        body = {f"new_{fields.email}": NEW_ADDRESS, "current_password": PASSWORD}
        before = address(user)

        response = user_client.post(reverse("user-set-username"), body, format="json")

        assert response.status_code == 400
        assert response.json() == {fields.email: [DIRECT_CHANGE]}
        assert address(user) == before

    def test_reset_email_confirm_refuses_a_new_address(
        self, api_client, user, fields, djoser_settings
    ):
        djoser_settings(
            EMAIL_CHANGE_REQUIRES_VERIFICATION=True, LOGIN_FIELD=fields.email
        )
        body = {
            "uid": encode_uid(user.pk),
            "token": default_token_generator.make_token(user),
            f"new_{fields.email}": NEW_ADDRESS,
        }
        before = address(user)

        response = api_client.post(
            reverse("user-reset-username-confirm"), body, format="json"
        )

        assert response.status_code == 400
        assert response.json() == {fields.email: [DIRECT_CHANGE]}
        assert address(user) == before

    def test_the_verified_change_still_works(
        self, emailed_link, confirm, user, djoser_settings
    ):
        djoser_settings(EMAIL_CHANGE_REQUIRES_VERIFICATION=True)

        assert confirm(*emailed_link()).status_code == 204
        assert address(user) == NEW_ADDRESS


class TestThrottle:
    def test_requests_are_limited_by_the_email_change_row(
        self, ask, djoser_settings, mailoutbox
    ):
        from djoser.conf import settings as conf

        djoser_settings(
            THROTTLE_RATES={**conf.THROTTLE_RATES, "email_change": "2/hour"}
        )
        assert ask().status_code == 202
        assert ask("second@example.com").status_code == 202

        assert ask("third@example.com").status_code == 429
        assert len(mailoutbox) == 2


class TestChecks:
    def test_requiring_verification_without_the_url_is_an_error(self, djoser_settings):
        djoser_settings(
            EMAIL_CHANGE_CONFIRM_URL=None, EMAIL_CHANGE_REQUIRES_VERIFICATION=True
        )

        assert [error.id for error in check_email_change_url()] == ["djoser.E601"]

    @pytest.mark.parametrize("url", ["#/email/{uid}", "#/email/{token}", 5])
    def test_a_url_without_both_placeholders_is_an_error(self, djoser_settings, url):
        djoser_settings(EMAIL_CHANGE_CONFIRM_URL=url)

        assert [error.id for error in check_email_change_url()] == ["djoser.E602"]

    def test_a_user_model_without_the_email_field_is_an_error(self, monkeypatch):
        from django.contrib.auth import get_user_model

        model = get_user_model()
        monkeypatch.setattr(model, "EMAIL_FIELD", "no_such_field", raising=False)

        assert [error.id for error in check_email_change_url()] == ["djoser.E603"]

    def test_a_complete_url_passes(self):
        assert check_email_change_url() == []

    def test_the_feature_off_passes(self, djoser_settings):
        djoser_settings(EMAIL_CHANGE_CONFIRM_URL=None)

        assert check_email_change_url() == []

    def test_deploy_check_warns_while_direct_changes_are_allowed(self):
        assert [w.id for w in check_email_change_verified()] == ["djoser.W601"]

    def test_deploy_check_is_quiet_once_verification_is_required(self, djoser_settings):
        djoser_settings(EMAIL_CHANGE_REQUIRES_VERIFICATION=True)

        assert check_email_change_verified() == []

    def test_the_checks_are_registered(self, djoser_settings):
        djoser_settings(
            EMAIL_CHANGE_CONFIRM_URL=None, EMAIL_CHANGE_REQUIRES_VERIFICATION=True
        )

        ids = {message.id for message in checks.run_checks()}
        deploy_ids = {
            message.id for message in checks.run_checks(include_deployment_checks=True)
        }
        assert "djoser.E601" in ids
        assert "djoser.W601" not in ids
        assert "djoser.W601" not in deploy_ids


@pytest.fixture(params=PATHS)
def delivery(request, db, djoser_settings, mailoutbox):
    """Each email sent in the request, then through the task worker."""
    if request.param == "task":
        djoser_settings(EMAIL_TASK_BACKEND=TASK_BACKEND)
    return Delivery(request.param, mailoutbox)


class TestDelivery:
    """Both delivery paths: in the request, and queued for a task worker."""

    def test_the_link_and_the_notice_arrive_and_work(
        self, delivery, client_for, api_client, user, fields
    ):
        old = get_user_email(user)
        body = {f"new_{fields.email}": NEW_ADDRESS, "current_password": PASSWORD}
        response = client_for(user).post(
            reverse("user-email-change"), body, format="json"
        )
        assert response.status_code == 202
        (link_message,) = delivery.deliver()
        assert link_message.to == [NEW_ADDRESS]
        uid, token = link_in(link_message, URL_FORMAT)
        delivery.outbox.clear()

        confirmed = api_client.post(
            reverse("user-email-change-confirm"),
            {"uid": uid, "token": token},
            format="json",
        )
        messages = delivery.deliver()

        assert confirmed.status_code == 204
        assert address(user) == NEW_ADDRESS
        assert [message.to for message in messages] == [[old]]
        assert NEW_ADDRESS in messages[0].body

    def test_the_in_use_notice_arrives_without_a_link(
        self, delivery, client_for, user, other_user, fields
    ):
        taken = get_user_email(other_user)
        body = {f"new_{fields.email}": taken, "current_password": PASSWORD}
        client_for(user).post(reverse("user-email-change"), body, format="json")

        (message,) = delivery.deliver()

        assert message.to == [taken]
        assert "/email/confirm/" not in message.body


UNDO_FORMAT = "#/email/undo/{uid}/{token}"


class TestUndo:
    """The old address's link that puts it back and locks the intruder out."""

    @pytest.fixture(autouse=True)
    def _undo_on(self, djoser_settings):
        djoser_settings(
            EMAIL_CHANGE_UNDO_URL=UNDO_FORMAT,
            PASSWORD_RESET_CONFIRM_URL="#/password/reset/confirm/{uid}/{token}",
        )

    @pytest.fixture
    def undo_link(self, emailed_link, confirm, mailoutbox):
        """Make a change, and return the undo link of the old address's notice."""

        def make():
            assert confirm(*emailed_link()).status_code == 204
            return link_in(mailoutbox[-1], UNDO_FORMAT)

        return make

    @pytest.fixture
    def undo(self, api_client):
        def post(uid, token):
            return api_client.post(
                reverse("user-email-change-undo"),
                {"uid": uid, "token": token},
                format="json",
            )

        return post

    def test_the_undone_changes_link_cannot_move_the_account_again(
        self, emailed_link, confirm, undo, user, mailoutbox
    ):
        original = get_user_email(user)
        link = emailed_link()
        assert confirm(*link).status_code == 204
        assert undo(*link_in(mailoutbox[-1], UNDO_FORMAT)).status_code == 204

        assert confirm(*link).status_code == 400
        assert address(user) == original

    def test_puts_the_old_address_back(self, undo_link, undo, user):
        old = get_user_email(user)

        response = undo(*undo_link())

        assert response.status_code == 204
        assert address(user) == old

    def test_the_old_password_stops_working(self, undo_link, undo, user):
        undo(*undo_link())

        user.refresh_from_db()
        assert user.has_usable_password()
        assert not user.check_password(PASSWORD)

    def test_every_token_of_the_account_stops_working(
        self, undo_link, undo, user_client
    ):
        undo(*undo_link())

        assert user_client.get(reverse("user-me")).status_code == 401

    def test_a_password_reset_link_goes_to_the_restored_address(
        self, undo_link, undo, user, mailoutbox
    ):
        old = get_user_email(user)
        undo(*undo_link())

        assert mailoutbox[-1].to == [old]
        link_in(mailoutbox[-1], "#/password/reset/confirm/{uid}/{token}")

    def test_works_once(self, undo_link, undo):
        link = undo_link()
        undo(*link)

        assert undo(*link).status_code == 400

    def test_signing_in_or_a_new_password_does_not_end_it(self, undo_link, undo, user):
        old = get_user_email(user)
        link = undo_link()
        user.refresh_from_db()
        user.set_password(NEW_PASSWORD)
        user.last_login = timezone.now()
        user.save()

        assert undo(*link).status_code == 204
        assert address(user) == old

    def test_expires_with_the_email_change_timeout(
        self, undo_link, undo, user, djoser_settings
    ):
        djoser_settings(EMAIL_CHANGE_TIMEOUT=600)
        link = undo_link()

        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
            assert undo(*link).status_code == 400
        assert address(user) == NEW_ADDRESS

    def test_the_link_still_works_after_a_second_change(
        self, undo_link, emailed_link, confirm, undo, user
    ):
        # Issue 24, finding 5: A -> x1, then x1 -> x2; A's link takes it back.
        first = address(user)
        link = undo_link()
        assert confirm(*emailed_link("second.move@example.com")).status_code == 204

        assert undo(*link).status_code == 204
        assert address(user) == first

    def test_undoing_an_earlier_change_spends_the_links_of_later_ones(
        self, undo_link, emailed_link, confirm, undo, mailoutbox, user
    ):
        first = address(user)
        first_link = undo_link()
        assert confirm(*emailed_link("second.move@example.com")).status_code == 204
        # The second notice, with its link, went to the first new address.
        later_link = link_in(mailoutbox[-1], UNDO_FORMAT)
        assert undo(*first_link).status_code == 204

        assert undo(*later_link).status_code == 400
        assert address(user) == first

    def test_undoing_a_later_change_leaves_an_earlier_link_working(
        self, undo_link, emailed_link, confirm, undo, mailoutbox, user
    ):
        first = address(user)
        first_link = undo_link()
        assert confirm(*emailed_link("second.move@example.com")).status_code == 204
        assert undo(*link_in(mailoutbox[-1], UNDO_FORMAT)).status_code == 204
        assert address(user) == NEW_ADDRESS

        assert undo(*first_link).status_code == 204
        assert address(user) == first

    def test_a_link_for_another_account_does_not_undo(
        self, undo_link, undo, other_user
    ):
        _uid, token = undo_link()

        assert undo(encode_uid(other_user.pk), token).status_code == 400

    def test_a_forged_link_does_not_undo(self, undo_link, undo):
        uid, token = undo_link()
        change_id, made_at, _signature = token.split("-")

        assert undo(uid, f"{change_id}-{made_at}-{'0' * 64}").status_code == 400

    def test_removes_passkeys_added_since_the_change_was_asked_for(
        self, emailed_link, confirm, mailoutbox, undo, user
    ):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            owners = add_passkey(user, "owner's key")
        with time_machine.travel(start + datetime.timedelta(seconds=5), tick=False):
            link = emailed_link()
        with time_machine.travel(start + datetime.timedelta(seconds=10), tick=False):
            add_passkey(user, "planted key")
            assert confirm(*link).status_code == 204
            undo_link = link_in(mailoutbox[-1], UNDO_FORMAT)

        assert undo(*undo_link).status_code == 204
        assert list(Passkey.objects.filter(user=user)) == [owners]

    def test_turns_off_two_factor_sign_in_turned_on_since_the_request(
        self, emailed_link, confirm, mailoutbox, undo, user
    ):
        link = emailed_link()
        enrol(user)
        assert confirm(*link).status_code == 204

        assert undo(*link_in(mailoutbox[-1], UNDO_FORMAT)).status_code == 204
        assert not has_mfa(user)
        assert not RecoveryCode.objects.filter(user=user).exists()

    def test_keeps_two_factor_sign_in_turned_on_before_the_request(
        self, emailed_link, confirm, mailoutbox, undo, user, user_client
    ):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            enrolled = enrol(user)
        with time_machine.travel(start + datetime.timedelta(seconds=5), tick=False):
            # With two-factor sign-in on, the request needs a code too.
            reauthenticate(user_client, code=enrolled.recovery_codes[0])
            assert confirm(*emailed_link()).status_code == 204

        assert undo(*link_in(mailoutbox[-1], UNDO_FORMAT)).status_code == 204
        assert has_mfa(user)

    def test_tells_the_owner_what_it_removed(
        self, emailed_link, confirm, mailoutbox, undo, user
    ):
        first = address(user)
        link = emailed_link()
        add_passkey(user, "planted key")
        enrol(user)
        confirm(*link)

        undo(*link_in(mailoutbox[-1], UNDO_FORMAT))

        notice = next(m for m in mailoutbox if "is back at this address" in m.subject)
        assert notice.to == [first]
        assert '"planted key"' in notice.body
        assert "two-factor sign-in" in notice.body
        assert "planted key" in notice.alternatives[0][0]

    def test_a_confirm_token_does_not_undo(self, emailed_link, confirm, undo, user):
        uid, token = emailed_link()

        assert undo(uid, token).status_code == 400

    def test_the_notice_has_no_undo_link_without_the_setting(
        self, emailed_link, confirm, mailoutbox, djoser_settings
    ):
        djoser_settings(EMAIL_CHANGE_UNDO_URL=None)
        confirm(*emailed_link())

        assert "/email/undo/" not in mailoutbox[-1].body

    def test_answers_404_without_the_setting(self, undo_link, undo, djoser_settings):
        link = undo_link()
        djoser_settings(EMAIL_CHANGE_UNDO_URL=None)

        assert undo(*link).status_code == 404


class TestUndoRecords:
    """What the undo link keeps: the changes, no longer than their links."""

    @pytest.fixture(autouse=True)
    def _undo_on(self, djoser_settings):
        djoser_settings(EMAIL_CHANGE_UNDO_URL=UNDO_FORMAT)

    def test_a_confirmed_change_is_kept_for_its_link(self, emailed_link, confirm, user):
        old = get_user_email(user)
        confirm(*emailed_link())

        (change,) = EmailChange.objects.all()
        assert (change.user, change.old_address, change.new_address) == (
            user,
            old,
            NEW_ADDRESS,
        )
        assert change.requested_at <= change.changed_at

    def test_nothing_is_kept_without_the_undo_link(
        self, emailed_link, confirm, djoser_settings
    ):
        djoser_settings(EMAIL_CHANGE_UNDO_URL=None)
        confirm(*emailed_link())

        assert not EmailChange.objects.exists()

    def test_a_change_deletes_the_expired_records_of_every_account(
        self, emailed_link, confirm, other_user, djoser_settings
    ):
        djoser_settings(EMAIL_CHANGE_TIMEOUT=600)
        long_ago = timezone.now() - datetime.timedelta(minutes=11)
        EmailChange.objects.create(
            user=other_user,
            old_address="a@example.com",
            new_address="b@example.com",
            requested_at=long_ago,
            changed_at=long_ago,
        )

        confirm(*emailed_link())

        assert list(EmailChange.objects.values_list("new_address", flat=True)) == [
            NEW_ADDRESS
        ]
