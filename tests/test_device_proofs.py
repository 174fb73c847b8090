"""Device proofs (``djoser.device_proofs``): what every successful login hands
the client, and how a login that carries one escapes the account's lock-out.
"""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from djoser import device_proofs, utils
from djoser.conf import RECOMMENDED_THROTTLE_RATES
from tests.conftest import PASSWORD

HEADER = "Device-Proof"
COOKIE = "djoser_device_proof"
LIMIT = int(RECOMMENDED_THROTTLE_RATES["token_create"].split("/")[0])


def login_body(fields, user, password=PASSWORD):
    return {fields.username: getattr(user, fields.username), "password": password}


def login(fields, user, password=PASSWORD, ip="192.0.2.1", proof=None, **extra):
    client = APIClient()
    headers = {"HTTP_DEVICE_PROOF": proof} if proof else {}
    return client.post(
        reverse("login"),
        login_body(fields, user, password),
        format="json",
        REMOTE_ADDR=ip,
        **headers,
        **extra,
    )


def proof_of(fields, user, ip="203.0.113.1"):
    response = login(fields, user, ip=ip)
    assert response.status_code == 200, response.data
    return response[HEADER]


@pytest.fixture
def recommended(djoser_settings):
    djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)


def lock_out(fields, user):
    """Fill the account's count with wrong passwords from many addresses."""
    for number in range(LIMIT):
        login(fields, user, "wrong", ip=f"198.51.100.{number}")
    refused = login(fields, user, ip="198.51.100.200")
    assert refused.status_code == 429
    return refused


class TestIssuing:
    def test_a_token_login_answers_a_proof_beside_the_2x_body(
        self, api_client, fields, user
    ):
        response = api_client.post(
            reverse("login"), login_body(fields, user), format="json"
        )

        assert response.status_code == 200
        assert list(response.json()) == ["auth_token"]
        proof = response[HEADER]
        cookie = response.cookies[COOKIE]
        assert cookie.value == proof
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Strict"
        assert cookie["path"] == "/"
        assert cookie["max-age"] == 90 * 86400
        assert not cookie["secure"]

    def test_over_https_the_cookie_is_secure(self, api_client, fields, user):
        response = api_client.post(
            reverse("login"), login_body(fields, user), format="json", secure=True
        )

        assert response.cookies[COOKIE]["secure"] is True

    def test_each_login_gets_a_proof_of_its_own(self, fields, user):
        assert proof_of(fields, user) != proof_of(fields, user)

    def test_a_failed_login_gets_none(self, fields, user):
        response = login(fields, user, "wrong")

        assert response.status_code == 400
        assert HEADER not in response
        assert COOKIE not in response.cookies

    def test_a_jwt_login_gets_one(self, api_client, fields, user):
        response = api_client.post(
            reverse("jwt-create"), login_body(fields, user), format="json"
        )

        assert response.status_code == 200
        assert set(response.json()) == {"access", "refresh"}
        assert device_proofs.proof_for_names(
            _request_with(response[HEADER]), [getattr(user, fields.username).lower()]
        )

    def test_the_second_step_of_two_factor_sign_in_gets_one(
        self, api_client, fields, user
    ):
        from tests.mfa.conftest import enrol, start_login, verify

        enrolled = enrol(user)
        first = start_login(api_client, fields, user)
        assert first.status_code == 401
        assert HEADER not in first

        response = verify(api_client, first.data["mfa_token"], enrolled.code())

        assert response.status_code == 200
        assert response[HEADER]

    def test_without_a_lifetime_no_proof_is_given(self, djoser_settings, fields, user):
        djoser_settings(DEVICE_PROOFS={"LIFETIME": None})

        response = login(fields, user)

        assert HEADER not in response
        assert COOKIE not in response.cookies


def _request_with(proof):
    from rest_framework.test import APIRequestFactory

    return APIRequestFactory().post("/", HTTP_DEVICE_PROOF=proof)


class TestLockOut:
    def test_without_a_proof_a_filled_account_count_refuses_the_right_password(
        self, recommended, fields, user
    ):
        lock_out(fields, user)

        assert login(fields, user, ip="203.0.113.9").status_code == 429

    def test_a_proof_in_the_header_gets_past_the_lock_out(
        self, recommended, fields, user
    ):
        # What docs/security.rst used to say anyone could do: lock a name out.
        proof = proof_of(fields, user)
        lock_out(fields, user)

        response = login(fields, user, ip="203.0.113.9", proof=proof)

        assert response.status_code == 200
        assert list(response.json()) == ["auth_token"]

    def test_a_proof_in_the_cookie_gets_past_the_lock_out(
        self, recommended, fields, user
    ):
        proof = proof_of(fields, user)
        lock_out(fields, user)
        client = APIClient()
        client.cookies[COOKIE] = proof

        response = client.post(
            reverse("login"),
            login_body(fields, user),
            format="json",
            REMOTE_ADDR="203.0.113.9",
        )

        assert response.status_code == 200

    def test_one_of_several_comma_separated_proofs_will_do(
        self, recommended, fields, user, other_user
    ):
        proofs = f"{proof_of(fields, other_user)}, {proof_of(fields, user)}"
        lock_out(fields, user)

        assert login(fields, user, ip="203.0.113.9", proof=proofs).status_code == 200

    def test_a_proof_for_another_account_does_not_help(
        self, recommended, fields, user, other_user
    ):
        proof = proof_of(fields, other_user)
        lock_out(fields, user)

        assert login(fields, user, ip="203.0.113.9", proof=proof).status_code == 429

    def test_a_tampered_proof_does_not_help(self, recommended, fields, user):
        proof = proof_of(fields, user)
        lock_out(fields, user)
        tampered = proof[:-2] + ("AA" if not proof.endswith("AA") else "BB")

        assert login(fields, user, ip="203.0.113.9", proof=tampered).status_code == 429

    def test_a_proof_signed_with_another_key_does_not_help(
        self, recommended, fields, user
    ):
        payload = {"u": str(user.pk), "n": [getattr(user, fields.username).lower()]}
        forged = signing.TimestampSigner(key="not-the-key", salt="djoser.device_proofs")
        lock_out(fields, user)

        response = login(
            fields, user, ip="203.0.113.9", proof=forged.sign_object(payload)
        )

        assert response.status_code == 429

    def test_an_expired_proof_does_not_help(self, recommended, fields, user):
        proof = proof_of(fields, user)
        later = timezone.now() + timedelta(days=91)
        with time_machine.travel(later, tick=False):
            lock_out(fields, user)
            response = login(fields, user, ip="203.0.113.9", proof=proof)

        assert response.status_code == 429

    @pytest.mark.parametrize(
        "garbage", ["x", "a:b:c", "é" * 10, "A" * 5000, ",,,", "\x00"]
    )
    def test_garbage_is_no_proof_and_no_error(self, recommended, fields, user, garbage):
        lock_out(fields, user)

        response = login(
            fields, user, ip="203.0.113.9", proof=garbage.encode().decode("latin-1")
        )

        assert response.status_code == 429

    def test_failures_with_a_proof_count_against_the_proof(
        self, recommended, fields, user
    ):
        proof = proof_of(fields, user)
        for number in range(LIMIT):
            response = login(
                fields, user, "wrong", ip=f"198.51.100.{number}", proof=proof
            )
            assert response.status_code == 400

        # A stolen proof buys no more guesses than the account had ...
        assert login(fields, user, ip="203.0.113.9", proof=proof).status_code == 429
        # ... and its failures were not the account's.
        assert login(fields, user, ip="203.0.113.9").status_code == 200

    def test_the_per_address_count_still_applies(
        self, recommended, fields, user, other_user
    ):
        proof = proof_of(fields, user)
        for _ in range(LIMIT):
            login(fields, other_user, "wrong", ip="198.51.100.1")

        response = login(fields, user, ip="198.51.100.1", proof=proof)

        assert response.status_code == 429

    def test_the_second_step_with_a_proof_is_not_refused_by_the_account_count(
        self, api_client, fields, user
    ):
        from tests.mfa.conftest import enrol, start_login, verify

        enrolled = enrol(user)
        first = start_login(api_client, fields, user)
        proof = verify(api_client, first.data["mfa_token"], enrolled.code())[HEADER]
        for number in range(10):
            token = start_login(api_client, fields, user).data["mfa_token"]
            client = APIClient(REMOTE_ADDR=f"198.51.100.{number}")
            verify(client, token, "000000")
        token = start_login(api_client, fields, user).data["mfa_token"]
        stranger = APIClient(REMOTE_ADDR="203.0.113.9")
        assert verify(stranger, token, enrolled.code()).status_code == 429

        owner = APIClient(REMOTE_ADDR="203.0.113.9", HTTP_DEVICE_PROOF=proof)
        token = start_login(api_client, fields, user).data["mfa_token"]
        response = owner.post(
            reverse("mfa-verify"),
            # The TOTP code was used up by the first login: a recovery code.
            {"mfa_token": token, "code": enrolled.recovery_codes[0]},
            format="json",
        )

        assert response.status_code == 200, response.data


class TestANewPasswordEndsTheProofsIssuedBefore:
    """Proofs collected while someone knew the old password (one per login)
    each brought a count of guesses at the new one after the owner's reset."""

    def reset(self, user):
        """Reset the password as its emailed link would (the link made now:
        a login changes last_login, which ends links made before it)."""
        user.refresh_from_db()
        link = {
            "uid": utils.encode_uid(user.pk),
            "token": default_token_generator.make_token(user),
        }
        return APIClient().post(
            reverse("user-reset-password-confirm"),
            {**link, "new_password": "a-new-Secret-91"},
            format="json",
        )

    def test_a_proof_from_before_a_reset_no_longer_gets_past_the_lock_out(
        self, recommended, fields, user
    ):
        harvested = proof_of(fields, user)
        assert self.reset(user).status_code == 204
        lock_out_with(fields, user, "a-new-Secret-91")

        response = login(
            fields, user, "a-new-Secret-91", ip="203.0.113.9", proof=harvested
        )

        assert response.status_code == 429

    def test_the_client_that_resets_it_gets_a_proof_that_does(
        self, recommended, fields, user
    ):
        reset = self.reset(user)
        lock_out_with(fields, user, "a-new-Secret-91")

        response = login(
            fields, user, "a-new-Secret-91", ip="203.0.113.9", proof=reset[HEADER]
        )

        assert reset.status_code == 204
        assert reset.content == b""
        assert response.status_code == 200

    def test_set_password_ends_the_old_proofs_and_gives_its_client_a_new_one(
        self, recommended, fields, user, client_for
    ):
        harvested = proof_of(fields, user)
        changed = client_for(user).post(
            reverse("user-set-password"),
            {"current_password": PASSWORD, "new_password": "a-new-Secret-91"},
            format="json",
        )
        lock_out_with(fields, user, "a-new-Secret-91")

        old = login(fields, user, "a-new-Secret-91", ip="203.0.113.9", proof=harvested)
        new = login(
            fields, user, "a-new-Secret-91", ip="203.0.113.8", proof=changed[HEADER]
        )

        assert changed.status_code == 204
        assert old.status_code == 429
        assert new.status_code == 200


def lock_out_with(fields, user, password):
    """lock_out, for an account whose password is now ``password``."""
    for number in range(LIMIT):
        login(fields, user, "wrong", ip=f"198.51.100.{number}")
    assert login(fields, user, password, ip="198.51.100.200").status_code == 429


class TestRecoveryRequests:
    """Anyone who knows the address could use up its count of reset emails
    (five an hour) and keep the owner from recovering the account."""

    def test_a_client_with_a_proof_still_gets_a_reset_link(
        self, recommended, fields, user, mailoutbox
    ):
        proof = proof_of(fields, user)
        address = {fields.email: getattr(user, fields.email)}
        limit = int(RECOMMENDED_THROTTLE_RATES["password_reset"].split("/")[0])
        url = reverse("user-reset-password")
        for number in range(limit):
            APIClient().post(
                url, address, format="json", REMOTE_ADDR=f"10.1.0.{number}"
            )
        sent_by_strangers = len(mailoutbox)

        stranger = APIClient().post(url, address, format="json", REMOTE_ADDR="10.1.1.1")
        owner = APIClient().post(
            url, address, format="json", REMOTE_ADDR="10.1.1.2", HTTP_DEVICE_PROOF=proof
        )

        assert stranger.status_code == 429
        assert owner.status_code == 204
        assert len(mailoutbox) == sent_by_strangers + 1
