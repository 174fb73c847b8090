"""reauthenticate/, and the sensitive requests that need it (issue 24).

The passkey side is in tests/webauthn/test_reauthentication.py; the real
servers' bursts are in tests/concurrency/test_bursts.py.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from djoser import utils
from djoser.checks import check_throttle_rates
from djoser.conf import RECOMMENDED_THROTTLE_RATES
from djoser.mfa.models import TOTPDevice, has_mfa
from djoser.reauthentication.checks import (
    check_reauthentication_rate,
    check_reauthentication_timeout,
)
from djoser.reauthentication.credentials import credential_key, is_fresh, mark
from tests.conftest import NEW_PASSWORD, PASSWORD, reauthenticate
from tests.mfa.conftest import enrol, start_login, verify

pytestmark = pytest.mark.django_db

URL = reverse("reauthenticate")
# A request that needs a fresh reauthentication and reads no body.
SENSITIVE = reverse("mfa-totp")
REQUIRED = {"reauthentication_required": True, "methods": ["password"]}
INVALID_PASSWORD = {"current_password": ["Invalid password."]}


def prove(client, **body):
    return client.post(URL, body, format="json")


def jwt_client(user):
    client = APIClient()
    access = RefreshToken.for_user(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


class TestTheRequirement:
    def test_a_sensitive_request_without_it_is_401_with_the_methods(self, user_client):
        response = user_client.get(SENSITIVE)

        assert response.status_code == 401
        assert response.json() == REQUIRED
        assert response["WWW-Authenticate"] == "Reauthenticate"
        assert not TOTPDevice.objects.exists()

    def test_head_is_guarded_like_get(self, user_client):
        assert user_client.head(SENSITIVE).status_code == 401
        assert not TOTPDevice.objects.exists()

    def test_after_reauthenticating_the_same_credential_passes(self, user_client):
        response = prove(user_client, current_password=PASSWORD)

        assert response.status_code == 200
        assert response.data == {"method": "password", "expires_in": 300}
        assert user_client.get(SENSITIVE).status_code == 200

    def test_the_mark_ends_after_the_timeout(self, user_client, djoser_settings):
        djoser_settings(REAUTHENTICATION_TIMEOUT=60)
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            reauthenticate(user_client)
        with time_machine.travel(start + timezone.timedelta(seconds=59), tick=False):
            assert user_client.get(SENSITIVE).status_code == 200
        with time_machine.travel(start + timezone.timedelta(seconds=61), tick=False):
            assert user_client.get(SENSITIVE).status_code == 401

    def test_another_credential_of_the_same_account_is_not_made_fresh(self, user):
        phone, laptop = jwt_client(user), jwt_client(user)

        reauthenticate(phone)

        assert phone.get(SENSITIVE).status_code == 200
        assert laptop.get(SENSITIVE).status_code == 401

    def test_a_refreshed_access_token_must_reauthenticate_again(self, user):
        # Plain JWTs are keyed by their jti: documented in reauthentication.rst.
        refresh = RefreshToken.for_user(user)
        first, second = APIClient(), APIClient()
        first.credentials(HTTP_AUTHORIZATION=f"Bearer {refresh.access_token}")
        second.credentials(HTTP_AUTHORIZATION=f"Bearer {refresh.access_token}")
        reauthenticate(first)

        assert second.get(SENSITIVE).status_code == 401

    def test_a_session_login_reauthenticates_its_session(self, user, fields):
        client = APIClient()
        client.force_login(user)
        assert client.get(SENSITIVE).status_code == 401

        reauthenticate(client)

        assert client.get(SENSITIVE).status_code == 200

    def test_the_mark_names_its_account(self, user, other_user):
        # A credential that came to name someone else is not fresh for them.
        access = RefreshToken.for_user(user).access_token

        class Owner:
            auth = access

        Owner.user = user
        mark(Owner)

        class Other(Owner):
            pass

        Other.user = other_user
        assert is_fresh(Owner)
        assert not is_fresh(Other)


class TestReauthenticate:
    def test_anonymous_is_401(self, api_client):
        assert prove(api_client, current_password=PASSWORD).status_code == 401

    def test_a_wrong_password_is_400_and_marks_nothing(self, user_client):
        response = prove(user_client, current_password="wrong")

        assert response.status_code == 400
        assert response.data == INVALID_PASSWORD
        assert user_client.get(SENSITIVE).status_code == 401

    def test_no_password_is_400(self, user_client):
        response = prove(user_client)

        assert response.status_code == 400
        assert set(response.data) == {"current_password"}

    @pytest.mark.parametrize(
        "body",
        [
            {"current_password": 123},
            {"current_password": None},
            {"current_password": ["x"]},
            {"current_password": "\x00"},
            {"current_password": "x" * 5000},
            {"code": {"a": 1}},
        ],
    )
    def test_malformed_proofs_are_400(self, user_client, body):
        response = prove(user_client, **body)

        assert response.status_code == 400
        assert user_client.get(SENSITIVE).status_code == 401

    @pytest.mark.parametrize(
        "body",
        [b"[]", b'"x"', b"null", b"{", b"[" * 3000, b'{"current_password": "\\ud800"}'],
    )
    def test_unreadable_bodies_are_400(self, user_client, body):
        response = user_client.post(URL, body, content_type="application/json")

        assert response.status_code == 400

    def test_an_account_with_nothing_to_prove_with_is_400(self, client_for, make_user):
        client = client_for(make_user(password=None))

        response = prove(client, current_password="")

        assert response.status_code == 400
        assert "no password, passkey or two-factor" in response.data[0]

    def test_a_credential_that_cannot_be_named_is_400(self, user, monkeypatch):
        monkeypatch.setattr(
            "djoser.reauthentication.views.credential_key", lambda request: None
        )
        client = APIClient()
        client.force_authenticate(user)

        response = prove(client, current_password=PASSWORD)

        assert response.status_code == 400
        assert "cannot be reauthenticated" in response.data[0]


class TestWithTwoFactor:
    @pytest.fixture
    def enrolled(self, user):
        return enrol(user)

    def test_the_password_alone_does_not_reauthenticate(self, user_client, enrolled):
        response = prove(user_client, current_password=PASSWORD)

        assert response.status_code == 400
        assert set(response.data) == {"code"}
        assert user_client.get(reverse("mfa-recovery-codes")).status_code == 200
        assert user_client.delete(SENSITIVE).status_code == 401

    @pytest.mark.parametrize("with_password", [False, True])
    def test_a_totp_code_reauthenticates(self, user_client, enrolled, with_password):
        body = {"code": enrolled.code()}
        if with_password:
            body["current_password"] = PASSWORD

        response = prove(user_client, **body)

        assert response.status_code == 200
        assert response.data["method"] == "totp"

    def test_a_recovery_code_reauthenticates_once(self, user_client, enrolled):
        code = enrolled.recovery_codes[0]

        assert prove(user_client, code=code).data["method"] == "recovery_code"
        assert prove(user_client, code=code).status_code == 400

    def test_a_right_code_with_a_wrong_password_is_400(self, user_client, enrolled):
        response = prove(user_client, code=enrolled.code(), current_password="wrong")

        assert response.status_code == 400
        assert response.data == INVALID_PASSWORD

    def test_a_wrong_code_is_400(self, user_client, enrolled):
        response = prove(user_client, code="000000", current_password=PASSWORD)

        assert response.status_code == 400
        assert set(response.data) == {"code"}

    def test_the_401_lists_the_second_factor(self, user_client, enrolled):
        response = user_client.delete(SENSITIVE, {}, format="json")

        assert response.status_code == 401
        assert response.data["methods"] == ["totp", "recovery_code"]


class TestFailedProofsAreLimited:
    @pytest.fixture(autouse=True)
    def rate(self, djoser_settings):
        djoser_settings(THROTTLE_RATES={"reauthentication": "3/hour"})

    def test_wrong_passwords_count_up_to_the_limit(self, user_client):
        for _ in range(3):
            assert prove(user_client, current_password="wrong").status_code == 400

        response = prove(user_client, current_password=PASSWORD)

        assert response.status_code == 429
        assert "Retry-After" in response
        assert user_client.get(SENSITIVE).status_code == 401

    def test_right_proofs_do_not_count(self, user_client):
        for _ in range(5):
            assert prove(user_client, current_password=PASSWORD).status_code == 200

        assert prove(user_client, current_password="wrong").status_code == 400

    def test_the_account_is_counted_from_every_address(self, client_for, user):
        for number in range(3):
            client = client_for(user)
            client.post(
                URL,
                {"current_password": "wrong"},
                format="json",
                REMOTE_ADDR=f"203.0.113.{number}",
            )

        response = client_for(user).post(
            URL, {"current_password": PASSWORD}, format="json", REMOTE_ADDR="192.0.2.1"
        )

        assert response.status_code == 429

    def test_wrong_proofs_in_a_sensitive_body_count_too(self, user_client):
        body = {"current_password": "wrong"}
        for _ in range(3):
            response = user_client.post(reverse("logout_all"), body, format="json")
            assert response.status_code == 400

        assert prove(user_client, current_password=PASSWORD).status_code == 429

    def test_a_thief_does_not_lock_the_owner_out_of_two_factor_login(
        self, client_for, user, api_client, fields, djoser_settings
    ):
        # Finding 4 of issue 24: the owner's second step keeps its own count.
        djoser_settings(
            THROTTLE_RATES={"reauthentication": "3/hour", "mfa_verify": "3/hour"}
        )
        enrolled = enrol(user)
        thief = client_for(user)
        for code in ("000000", "000001", "000002", "000003", "000004"):
            prove(thief, code=code)

        mfa_token = start_login(api_client, fields, user).data["mfa_token"]

        assert verify(api_client, mfa_token, enrolled.code()).status_code == 200


class TestAStolenToken:
    """Issue 24's findings, each with the token alone."""

    def test_cannot_turn_two_factor_on(self, user_client, user):
        # Finding 3: the owner's next login would have asked for the thief's code.
        secret_response = user_client.get(SENSITIVE)
        TOTPDevice.offer(user, "JBSWY3DPEHPK3PXP")
        turn_on = user_client.post(SENSITIVE, {"code": "123456"}, format="json")

        assert secret_response.status_code == 401
        assert "secret" not in secret_response.data
        assert turn_on.status_code == 401
        assert not has_mfa(user)

    def test_cannot_turn_two_factor_off_with_the_password(self, user_client, user):
        enrol(user)

        response = user_client.delete(
            SENSITIVE, {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 401
        assert has_mfa(user)

    @pytest.mark.parametrize(
        "method, route, body",
        [
            ("post", "user-set-password", {"new_password": NEW_PASSWORD}),
            ("post", "user-set-username", "new_username"),
            ("delete", "user-me", {}),
        ],
        ids=["set_password", "set_username", "delete"],
    )
    def test_cannot_guess_the_password_without_end(
        self, user_client, fields, djoser_settings, method, route, body
    ):
        # Finding 4: 40 wrong guesses used to answer 40 x 400.
        djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)
        if body == "new_username":
            body = {f"new_{fields.username}": fields.values()[fields.username]}
        url = reverse(route)
        statuses = [
            getattr(user_client, method)(
                url, {**body, "current_password": f"guess-{number}"}, format="json"
            ).status_code
            for number in range(40)
        ]

        assert statuses[:5] == [400] * 5
        assert set(statuses[5:]) == {429}


class TestAnAccountWithNothingToProveWith:
    """No password, passkey or two-factor sign-in: an account that signs in
    through a provider. Its token alone once added a passkey, TOTP or a first
    password of the thief's, which the owner could then not remove (every
    later change asked for the thief's passkey); a fresh login is its proof."""

    REQUIRED = {"reauthentication_required": True, "methods": ["login"]}

    @pytest.fixture
    def social_only(self, make_user):
        return make_user(password=None)

    @pytest.mark.parametrize(
        "method, route, body",
        [
            ("post", "webauthn_passkey_add_request", {}),
            ("get", "mfa-totp", None),
            ("post", "mfa-recovery-codes", {}),
            ("post", "user-set-password", {"new_password": NEW_PASSWORD}),
            ("delete", "user-me", {}),
        ],
        ids=["passkey", "totp", "recovery_codes", "first_password", "delete"],
    )
    def test_a_token_it_did_not_just_sign_in_with_is_asked_to_sign_in_again(
        self, client_for, social_only, method, route, body
    ):
        response = getattr(client_for(social_only), method)(
            reverse(route), body, format="json"
        )

        assert response.status_code == 401
        assert response.data == self.REQUIRED
        assert response["WWW-Authenticate"] == "Reauthenticate"
        social_only.refresh_from_db()
        assert not social_only.has_usable_password()

    def test_the_credential_of_a_fresh_login_may_make_the_change(self, rf, social_only):
        token = utils.login_user(rf.post("/"), social_only)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

        response = client.post(
            reverse("user-set-password"), {"new_password": NEW_PASSWORD}, format="json"
        )

        assert response.status_code == 204, response.data
        social_only.refresh_from_db()
        assert social_only.check_password(NEW_PASSWORD)

    def test_the_fresh_login_lasts_the_timeout(self, rf, social_only):
        token = utils.login_user(rf.post("/"), social_only)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

        with time_machine.travel(timezone.now() + timedelta(seconds=301)):
            response = client.get(SENSITIVE)

        assert response.status_code == 401
        assert response.data == self.REQUIRED

    def test_a_login_by_emailed_code_is_not_the_proof(self, rf, social_only):
        # The code proves the mailbox only: a passkey planted on its word
        # could not be removed by the owner, who signs in through a provider.
        token = utils.login_user(rf.post("/"), social_only, kind="code")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

        response = client.get(SENSITIVE)

        assert response.status_code == 401
        assert response.data == self.REQUIRED

    def test_a_login_of_an_account_with_a_password_marks_nothing(self, rf, user):
        token = utils.login_user(rf.post("/"), user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

        assert client.get(SENSITIVE).status_code == 401


class TestDjoser2Endpoints:
    """Without two-factor sign-in, djoser 2.x's answers are unchanged."""

    def test_set_password_with_the_password_needs_nothing_more(self, user_client):
        body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}

        response = user_client.post(reverse("user-set-password"), body, format="json")

        assert response.status_code == 204

    def test_a_wrong_password_is_still_400(self, user_client):
        body = {"current_password": "wrong", "new_password": NEW_PASSWORD}

        response = user_client.post(reverse("user-set-password"), body, format="json")

        assert response.status_code == 400
        assert response.data == INVALID_PASSWORD

    def test_a_missing_password_is_still_400(self, user_client):
        response = user_client.delete(reverse("user-me"), {}, format="json")

        assert response.status_code == 400
        assert response.data == {"current_password": ["This field is required."]}

    def test_the_password_is_still_asked_after_a_reauthentication(self, fresh_client):
        body = {"new_password": NEW_PASSWORD}

        response = fresh_client.post(reverse("user-set-password"), body, format="json")

        assert response.status_code == 400
        assert set(response.data) == {"current_password"}


class TestDjoser2EndpointsWithTwoFactor:
    @pytest.fixture
    def enrolled(self, user):
        return enrol(user)

    def change_password(self, client, **proof):
        body = {"new_password": NEW_PASSWORD, **proof}
        return client.post(reverse("user-set-password"), body, format="json")

    def test_the_password_alone_is_401(self, user_client, user, enrolled):
        response = self.change_password(user_client, current_password=PASSWORD)

        assert response.status_code == 401
        assert response.data["reauthentication_required"] is True
        user.refresh_from_db()
        assert user.check_password(PASSWORD)

    def test_the_password_and_a_code_change_it(self, user_client, user, enrolled):
        response = self.change_password(
            user_client, current_password=PASSWORD, code=enrolled.code()
        )

        assert response.status_code == 204
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)

    def test_a_wrong_code_is_400(self, user_client, enrolled):
        response = self.change_password(
            user_client, current_password=PASSWORD, code="000000"
        )

        assert response.status_code == 400
        assert set(response.data) == {"code"}

    def test_a_right_code_with_a_wrong_password_is_400(self, user_client, enrolled):
        response = self.change_password(
            user_client, current_password="wrong", code=enrolled.code()
        )

        assert response.status_code == 400
        assert response.data == INVALID_PASSWORD

    def test_after_reauthenticating_with_a_code_the_password_suffices(
        self, client_for, user, enrolled
    ):
        client = reauthenticate(client_for(user), code=enrolled.code())

        response = self.change_password(client, current_password=PASSWORD)

        assert response.status_code == 204

    def test_deleting_the_account_needs_the_code(self, user_client, user, enrolled):
        body = {"current_password": PASSWORD}

        response = user_client.delete(reverse("user-me"), body, format="json")

        assert response.status_code == 401
        assert type(user).objects.filter(pk=user.pk).exists()

    def test_deleting_it_by_its_id_needs_the_code_too(
        self, user_client, user, enrolled
    ):
        url = reverse("user-detail", args=[user.pk])
        body = {"current_password": PASSWORD}

        assert user_client.delete(url, body, format="json").status_code == 401
        body["code"] = enrolled.code()
        assert user_client.delete(url, body, format="json").status_code == 204
        assert not type(user).objects.filter(pk=user.pk).exists()

    def test_set_username_needs_the_code(self, user_client, user, fields, enrolled):
        body = {
            f"new_{fields.username}": fields.values()[fields.username],
            "current_password": PASSWORD,
        }

        response = user_client.post(reverse("user-set-username"), body, format="json")

        assert response.status_code == 401

    def test_the_email_change_needs_the_code(
        self, user_client, fields, enrolled, djoser_settings, mailoutbox
    ):
        djoser_settings(EMAIL_CHANGE_CONFIRM_URL="#/email/{uid}/{token}")
        body = {
            f"new_{fields.email}": "new@example.com",
            "current_password": PASSWORD,
        }
        url = reverse("user-email-change")

        assert user_client.post(url, body, format="json").status_code == 401
        assert mailoutbox == []
        body["code"] = enrolled.code()
        assert user_client.post(url, body, format="json").status_code == 202


class TestCredentialKey:
    """The one function that names a request's credential."""

    def test_a_token_is_named_by_its_model_and_key(self, user_client, user):
        request = user_client.get(reverse("user-me")).wsgi_request
        # The DRF request the view saw is not kept; name a stand-in.
        token = user_client.token

        class Stand:
            auth = token
            _request = request

        model = type(token)._meta.label_lower
        assert credential_key(Stand) == f"{model}:{token.pk}"

    def test_a_jwt_is_named_by_its_jti(self, user):
        access = RefreshToken.for_user(user).access_token

        class Stand:
            auth = access

        assert credential_key(Stand) == f"jwt:{access['jti']}"

    def test_nothing_else_is_named(self, rf):
        class Stand:
            auth = "a project's own credential"

        assert credential_key(Stand) is None


class TestChecks:
    @pytest.mark.parametrize("timeout", [0, -5, 1.5, "300", None, True])
    def test_a_timeout_that_is_not_seconds_is_e801(self, djoser_settings, timeout):
        djoser_settings(REAUTHENTICATION_TIMEOUT=timeout)

        ids = [message.id for message in check_reauthentication_timeout()]

        assert ids == ["djoser.E801"]

    def test_the_default_timeout_passes(self):
        assert check_reauthentication_timeout() == []

    def test_no_reauthentication_rate_is_w801_on_deploy(self, djoser_settings):
        assert check_reauthentication_rate() == []
        djoser_settings(THROTTLE_RATES={"reauthentication": None})

        ids = [message.id for message in check_reauthentication_rate()]

        assert ids == ["djoser.W801"]

    def test_w301_names_the_password_checks_behind_a_token(self, djoser_settings):
        rates = {**RECOMMENDED_THROTTLE_RATES, "set_password": None}
        djoser_settings(THROTTLE_RATES=rates)

        [warning] = check_throttle_rates()

        assert warning.id == "djoser.W301"
        assert "set_password" in warning.msg


class TestWhileTheCacheIsDown:
    """The marks live in the default cache; an outage is never a 500."""

    @pytest.fixture(autouse=True)
    def cache_down(self, settings):
        settings.CACHES = {"default": {"BACKEND": "tests.broken_cache.BrokenCache"}}

    def test_reauthenticate_answers_503_and_marks_nothing(
        self, user_client, djoser_settings
    ):
        djoser_settings(THROTTLE_RATES={"reauthentication": None})

        response = prove(user_client, current_password=PASSWORD)

        assert response.status_code == 503
        assert int(response["Retry-After"]) >= 1
        assert "cannot be recorded" in response.json()["detail"]

    def test_its_limit_fails_closed_as_the_others_do(self, user_client):
        response = prove(user_client, current_password=PASSWORD)

        assert response.status_code == 503
        assert "Rate limits cannot be checked" in response.json()["detail"]

    def test_no_credential_is_fresh(self, user_client):
        response = user_client.get(SENSITIVE)

        assert response.status_code == 401
        assert response.json() == REQUIRED

    def test_a_provider_only_accounts_login_still_succeeds_unmarked(
        self, rf, make_user
    ):
        # mark_login cannot keep its mark: the login goes on, and the
        # account signs in again for a sensitive change once the cache is back.
        user = make_user(password=None)
        token = utils.login_user(rf.post("/"), user, kind="social")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

        response = client.get(SENSITIVE)

        assert response.status_code == 401
        assert response.json()["methods"] == ["login"]

    def test_djoser_2_endpoints_answer_as_before(self, user_client):
        body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}

        response = user_client.post(reverse("user-set-password"), body, format="json")

        assert response.status_code == 204
