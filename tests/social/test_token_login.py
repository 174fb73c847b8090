"""``o/{provider}/token/``: native apps sign in with their SDK's token.

social-core's real Google and Apple backends, and the generic OpenID Connect
one, are pointed at the provider the suite serves on 127.0.0.1: its keys are
made when the suite starts, its JWKS endpoint publishes them, and ``rotate``
makes it sign with a new one.
"""

import base64
import hashlib
import json
import time

import pytest
from django.contrib.auth import user_logged_in
from django.urls import reverse
from rest_framework.test import APIClient
from social_core.pipeline import DEFAULT_AUTH_PIPELINE
from social_django.models import UserSocialAuth

from djoser.social import id_tokens
from djoser.social.pipeline import STEP
from tests.mfa.conftest import enrol, verify
from tests.social.conftest import BACKENDS, OAUTH2, OIDC
from tests.social.provider import CLIENT_ID, Fault, new_key

GOOGLE = "google-oauth2"
APPLE = "apple-id"
WEB_CLIENT = "web.apps.example.com"
IOS_CLIENT = "com.example.ios"
ANDROID_CLIENT = "android.apps.example.com"
CLIENT_IDS = [WEB_CLIENT, IOS_CLIENT, ANDROID_CLIENT]


@pytest.fixture
def native(provider, settings, djoser_settings):
    """The project set up for token login with the local provider."""
    settings.AUTHENTICATION_BACKENDS = [
        "social_core.backends.google.GoogleOAuth2",
        "social_core.backends.apple.AppleIdAuth",
        *BACKENDS,
    ]
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_USE_UNIQUE_USER_ID = True
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = WEB_CLIENT
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = "unused"
    pointed_at_provider = {
        "CLIENT_IDS": CLIENT_IDS,
        "ISSUERS": [provider.issuer],
        "JWKS_URL": provider.url("jwks"),
    }
    djoser_settings(
        SOCIAL_AUTH_TOKEN_LOGIN={
            GOOGLE: pointed_at_provider,
            APPLE: pointed_at_provider,
            # The issuer and keys from the provider's discovery document.
            OIDC: {"CLIENT_IDS": [CLIENT_ID]},
            OAUTH2: {"ACCESS_TOKEN": True},
        }
    )
    id_tokens.key_sets.clear()
    yield provider
    id_tokens.key_sets.clear()


@pytest.fixture
def claims(native, person):
    """An ID token's claims, as the provider issues them to the iOS app."""
    now = int(time.time())
    return {
        "iss": native.issuer,
        "aud": IOS_CLIENT,
        "iat": now,
        "exp": now + 600,
        **person,
    }


def url(provider_name):
    return reverse("provider-token", kwargs={"provider": provider_name})


def post(provider_name, body, client=None):
    # json.dumps escapes what the test client could not encode (a lone
    # surrogate), as a client's JSON library would.
    return (client or APIClient()).post(
        url(provider_name), json.dumps(body), content_type="application/json"
    )


def users(fields):
    return fields.model._default_manager


def assert_refused(response, fields, message=None, field="id_token"):
    assert response.status_code == 400, response.data
    if message is not None:
        assert response.data == {field: [message]}
    assert not users(fields).exists()
    assert not UserSocialAuth.objects.exists()


class TestIdTokenLogin:
    @pytest.mark.parametrize("backend", [GOOGLE, APPLE, OIDC])
    def test_answers_what_the_code_flow_answers(
        self, native, claims, backend, person, fields
    ):
        if backend == OIDC:
            claims["aud"] = CLIENT_ID

        response = post(backend, {"id_token": native.sign(claims)})

        assert response.status_code == 201, response.data
        assert set(response.data) == {"access", "refresh", "user"}
        social = UserSocialAuth.objects.get(provider=backend)
        assert social.uid == person["sub"]
        assert response.data["user"] == str(social.user)

    @pytest.mark.parametrize("client_id", CLIENT_IDS)
    def test_any_configured_client_id_is_an_accepted_audience(
        self, native, claims, client_id
    ):
        claims["aud"] = client_id

        assert post(GOOGLE, {"id_token": native.sign(claims)}).status_code == 201

    def test_an_audience_list_holding_one_of_ours_is_accepted(self, native, claims):
        claims["aud"] = ["someone-else", IOS_CLIENT]
        claims["azp"] = IOS_CLIENT

        assert post(GOOGLE, {"id_token": native.sign(claims)}).status_code == 201

    def test_apples_string_email_verified_is_read(self, native, claims, person):
        claims["email_verified"] = "true"

        response = post(APPLE, {"id_token": native.sign(claims)})

        assert response.status_code == 201, response.data

    def test_the_access_token_authenticates_users_me(self, native, claims):
        tokens = post(GOOGLE, {"id_token": native.sign(claims)}).data
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"JWT {tokens['access']}")

        assert client.get(reverse("user-me")).status_code == 200

    def test_a_second_login_finds_the_same_account(self, native, claims, fields):
        first = post(GOOGLE, {"id_token": native.sign(claims)})
        second = post(GOOGLE, {"id_token": native.sign(claims)})

        assert first.data["user"] == second.data["user"]
        assert users(fields).count() == 1

    def test_the_code_flow_and_the_token_find_the_same_account(
        self, native, claims, app_for, fields
    ):
        claims["aud"] = CLIENT_ID
        by_code = app_for(OIDC).login()

        by_token = post(OIDC, {"id_token": native.sign(claims)})

        assert by_code.status_code == by_token.status_code == 201
        assert by_code.data["user"] == by_token.data["user"]
        assert users(fields).count() == 1

    def test_hands_the_app_a_device_proof_as_the_code_flow_does(self, native, claims):
        response = post(GOOGLE, {"id_token": native.sign(claims)})

        assert response.status_code == 201
        assert response["Device-Proof"]

    def test_records_the_login(self, native, claims, signal_calls):
        logged_in = signal_calls(user_logged_in)

        post(GOOGLE, {"id_token": native.sign(claims)})

        assert len(logged_in) == 1

    def test_a_nonce_the_app_sent_must_match(self, native, claims):
        claims["nonce"] = "n-0S6_WzA2Mj"
        token = native.sign(claims)

        assert (
            post(GOOGLE, {"id_token": token, "nonce": "n-0S6_WzA2Mj"}).status_code
            == 201
        )

    def test_a_hashed_nonce_matches_the_apps_raw_one(self, native, claims):
        claims["nonce"] = hashlib.sha256(b"raw-nonce").hexdigest()

        response = post(APPLE, {"id_token": native.sign(claims), "nonce": "raw-nonce"})

        assert response.status_code == 201, response.data

    def test_a_disabled_account_is_refused(self, native, claims, person):
        post(GOOGLE, {"id_token": native.sign(claims)})
        user = UserSocialAuth.objects.get(uid=person["sub"]).user
        user.is_active = False
        user.save()

        response = post(GOOGLE, {"id_token": native.sign(claims)})

        assert response.status_code == 400
        assert response.data == {"non_field_errors": ["User account is disabled."]}


def expired(claims):
    claims["exp"] = int(time.time()) - 3600
    claims["iat"] = claims["exp"] - 600


def issued_in_the_future(claims):
    claims["iat"] = int(time.time()) + 3600
    claims["exp"] = claims["iat"] + 600


def another_app(claims):
    claims["aud"] = "someone-elses-app"


def another_authorized_party(claims):
    claims["aud"] = [IOS_CLIENT, "someone-elses-app"]
    claims["azp"] = "someone-elses-app"


def no_audience(claims):
    del claims["aud"]


def another_issuer(claims):
    claims["iss"] = "https://accounts.evil.example"


def no_subject(claims):
    del claims["sub"]


def no_expiry(claims):
    del claims["exp"]


# How the claims are spoiled -> the message the 400 carries.
BAD_CLAIMS = {
    expired: "The ID token has expired.",
    issued_in_the_future: "The ID token is not valid yet.",
    another_app: "The ID token was issued to another application.",
    another_authorized_party: "The ID token was issued to another application.",
    no_audience: "The ID token was issued to another application.",
    another_issuer: "The ID token was issued by another provider.",
    no_subject: "The ID token is not a valid JSON Web Token.",
    no_expiry: "The ID token is not a valid JSON Web Token.",
}


def unsigned(native, claims):
    header = {"alg": "none", "typ": "JWT", "kid": native.current_kid}
    parts = [json.dumps(part).encode() for part in (header, claims)]
    encoded = [base64.urlsafe_b64encode(part).rstrip(b"=").decode() for part in parts]
    return ".".join(encoded) + "."


def hmac_with_the_public_key(native, claims):
    # The classic confusion: HS256 keyed with the provider's public key.
    import hmac

    header = {"alg": "HS256", "typ": "JWT", "kid": native.current_kid}
    parts = [json.dumps(part).encode() for part in (header, claims)]
    signing_input = ".".join(
        base64.urlsafe_b64encode(part).rstrip(b"=").decode() for part in parts
    )
    public = json.dumps(native.jwks()["keys"][0]).encode()
    signature = hmac.new(public, signing_input.encode(), hashlib.sha256).digest()
    return (
        signing_input + "." + base64.urlsafe_b64encode(signature).rstrip(b"=").decode()
    )


def signed_by_another_key(native, claims):
    return native.sign(claims, key=new_key())


def signature_tampered(native, claims):
    token = native.sign(claims)
    head, payload, signature = token.split(".")
    forged = dict(claims, sub="someone-else")
    payload = (
        base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    )
    return f"{head}.{payload}.{signature}"


def unknown_key_id(native, claims):
    return native.sign(claims, kid="no-such-key", key=native.key)


def no_key_id_among_several(native, claims):
    native.rotate()
    return native.sign(claims, kid="", key=native.key)


def rs256_key_used_as_es256(native, claims):
    from cryptography.hazmat.primitives.asymmetric import ec

    return native.sign(
        claims, algorithm="ES256", key=ec.generate_private_key(ec.SECP256R1())
    )


BAD_SIGNATURES = {
    unsigned: "The ID token is not signed with an algorithm this site accepts.",
    hmac_with_the_public_key: (
        "The ID token is not signed with an algorithm this site accepts."
    ),
    signed_by_another_key: "The ID token's signature is not valid.",
    signature_tampered: "The ID token's signature is not valid.",
    unknown_key_id: "The ID token's signature is not valid.",
    no_key_id_among_several: "The ID token's signature is not valid.",
    rs256_key_used_as_es256: "The ID token's signature is not valid.",
}

MALFORMED = [
    "",
    "not-a-jwt",
    "a.b.c",
    "eyJhbGciOiJSUzI1NiJ9.e30",
    "x" * 20000,
    "abc\x00def",
    "\ud800.\ud800.\ud800",
]


class TestRejections:
    @pytest.mark.parametrize("spoil", BAD_CLAIMS, ids=lambda f: f.__name__)
    def test_bad_claims_are_refused(self, native, claims, fields, spoil):
        spoil(claims)
        token = native.sign(claims)

        response = post(GOOGLE, {"id_token": token})

        assert_refused(response, fields, BAD_CLAIMS[spoil])
        assert token not in response.content.decode()

    @pytest.mark.parametrize("forge", BAD_SIGNATURES, ids=lambda f: f.__name__)
    def test_bad_signatures_are_refused(self, native, claims, fields, forge):
        token = forge(native, claims)

        response = post(GOOGLE, {"id_token": token})

        assert_refused(response, fields, BAD_SIGNATURES[forge])

    @pytest.mark.parametrize("token", MALFORMED)
    def test_malformed_tokens_are_refused(self, native, fields, token):
        response = post(GOOGLE, {"id_token": token})

        assert_refused(response, fields)

    @pytest.mark.parametrize(
        "value", [None, 12, ["a.b.c"], {"id_token": "a.b.c"}, True]
    )
    def test_an_id_token_that_is_no_string_is_refused(self, native, fields, value):
        assert_refused(post(GOOGLE, {"id_token": value}), fields)

    def test_the_answer_echoes_nothing_of_the_token(self, native, claims, person):
        another_app(claims)
        token = native.sign(claims)

        body = post(GOOGLE, {"id_token": token}).content.decode()

        for secret in [token, person["email"], person["sub"], "someone-elses-app"]:
            assert secret not in body

    def test_a_wrong_nonce_is_refused(self, native, claims, fields):
        claims["nonce"] = "expected"

        response = post(GOOGLE, {"id_token": native.sign(claims), "nonce": "other"})

        assert_refused(response, fields, "The ID token's nonce does not match.")

    def test_a_nonce_sent_for_a_token_without_one_is_refused(
        self, native, claims, fields
    ):
        response = post(GOOGLE, {"id_token": native.sign(claims), "nonce": "n"})

        assert_refused(response, fields, "The ID token's nonce does not match.")

    def test_a_token_for_another_providers_app_is_refused(
        self, native, claims, fields, djoser_settings, settings
    ):
        configured = settings.DJOSER["SOCIAL_AUTH_TOKEN_LOGIN"]
        apple_only = {**configured[APPLE], "CLIENT_IDS": ["com.example.apple-only"]}
        djoser_settings(SOCIAL_AUTH_TOKEN_LOGIN={**configured, APPLE: apple_only})

        response = post(APPLE, {"id_token": native.sign(claims)})

        assert_refused(
            response, fields, "The ID token was issued to another application."
        )

    def test_both_tokens_at_once_are_refused(self, native, claims, fields):
        response = post(GOOGLE, {"id_token": native.sign(claims), "access_token": "x"})

        assert_refused(
            response,
            fields,
            "Send either id_token or access_token.",
            "non_field_errors",
        )

    def test_an_empty_body_is_refused(self, native, fields):
        assert_refused(post(GOOGLE, {}), fields)

    def test_a_provider_without_client_ids_takes_no_id_token(
        self, native, claims, fields
    ):
        response = post(OAUTH2, {"id_token": native.sign(claims)})

        assert_refused(
            response, fields, "This provider's ID tokens are not accepted here."
        )

    def test_a_provider_not_listed_takes_no_access_token(self, native, fields):
        response = post(GOOGLE, {"access_token": "ya29.anything"})

        assert_refused(
            response,
            fields,
            "This provider's access tokens are not accepted here.",
            "access_token",
        )

    def test_an_unknown_provider_is_a_404(self, native, claims):
        response = post("no-such-backend", {"id_token": native.sign(claims)})

        assert response.status_code == 404

    def test_keys_that_cannot_be_fetched_are_a_400(self, native, claims, fields):
        native.faults["jwks"] = Fault(status=503)

        response = post(GOOGLE, {"id_token": native.sign(claims)})

        assert_refused(
            response,
            fields,
            "The provider's keys could not be fetched; try again later.",
        )

    def test_keys_that_cannot_be_fetched_are_not_asked_for_each_request(
        self, native, claims, fields
    ):
        native.faults["jwks"] = Fault(status=503)

        for _ in range(3):
            assert_refused(post(GOOGLE, {"id_token": native.sign(claims)}), fields)

        assert native.jwks_requests == 1

    def test_a_jwks_that_is_not_json_is_a_400(self, native, claims, fields):
        native.faults["jwks"] = Fault(
            status=200, body="<html>", content_type="text/html"
        )

        assert_refused(post(GOOGLE, {"id_token": native.sign(claims)}), fields)


class TestKeyRotation:
    def test_keys_are_fetched_once_for_many_logins(self, native, claims):
        for _ in range(3):
            assert post(GOOGLE, {"id_token": native.sign(claims)}).status_code == 201

        assert native.jwks_requests == 1

    def test_a_token_signed_with_a_new_key_fetches_the_keys_again(
        self, native, claims, monkeypatch
    ):
        assert post(GOOGLE, {"id_token": native.sign(claims)}).status_code == 201
        native.rotate(keep_old=False)
        later = time.monotonic() + id_tokens.REFETCH_INTERVAL + 1
        monkeypatch.setattr(id_tokens, "clock", lambda: later)

        response = post(GOOGLE, {"id_token": native.sign(claims)})

        assert response.status_code == 201, response.data
        assert native.jwks_requests == 2

    def test_a_new_key_is_found_on_a_first_refetch_without_waiting(
        self, native, claims
    ):
        # The provider rotated before this site ever fetched the keys.
        native.rotate()

        assert post(GOOGLE, {"id_token": native.sign(claims)}).status_code == 201
        assert native.jwks_requests == 1

    def test_unknown_key_ids_refetch_at_most_once_per_interval(
        self, native, claims, fields
    ):
        assert post(GOOGLE, {"id_token": native.sign(claims)}).status_code == 201

        for number in range(5):
            token = native.sign(claims, kid=f"made-up-{number}", key=native.key)
            assert post(GOOGLE, {"id_token": token}).status_code == 400

        assert native.jwks_requests == 1

    def test_an_old_token_still_verifies_while_its_key_is_published(
        self, native, claims
    ):
        old = native.sign(claims)
        native.rotate(keep_old=True)

        assert post(GOOGLE, {"id_token": old}).status_code == 201

    def test_a_retired_key_stops_working_once_the_keys_are_fetched_again(
        self, native, claims, monkeypatch
    ):
        old = native.sign(claims)
        assert post(GOOGLE, {"id_token": old}).status_code == 201
        native.rotate(keep_old=False)
        expired_cache = time.monotonic() + id_tokens.CACHE_LIFETIME + 1
        monkeypatch.setattr(id_tokens, "clock", lambda: expired_cache)

        assert post(GOOGLE, {"id_token": old}).status_code == 400
        assert post(GOOGLE, {"id_token": native.sign(claims)}).status_code == 201

    def test_a_failed_refetch_keeps_the_keys_known(self, native, claims, monkeypatch):
        assert post(GOOGLE, {"id_token": native.sign(claims)}).status_code == 201
        native.faults["jwks"] = Fault(status=500)
        expired_cache = time.monotonic() + id_tokens.CACHE_LIFETIME + 1
        monkeypatch.setattr(id_tokens, "clock", lambda: expired_cache)

        assert post(GOOGLE, {"id_token": native.sign(claims)}).status_code == 201


class TestAccessTokenLogin:
    def test_a_non_oidc_provider_signs_in_through_do_auth(self, native, person, fields):
        native.access_tokens["provider-access-token"] = dict(person)

        response = post(OAUTH2, {"access_token": "provider-access-token"})

        assert response.status_code == 201, response.data
        assert UserSocialAuth.objects.get(provider=OAUTH2).uid == person["sub"]

    def test_an_access_token_the_provider_does_not_know_is_refused(
        self, native, fields
    ):
        response = post(OAUTH2, {"access_token": "forged"})

        assert response.status_code == 400
        assert not users(fields).exists()


class TestExistingAccounts:
    @pytest.fixture(autouse=True)
    def linking(self, settings, djoser_settings):
        pipeline = list(DEFAULT_AUTH_PIPELINE)
        pipeline.insert(pipeline.index("social_core.pipeline.user.create_user"), STEP)
        settings.SOCIAL_AUTH_PIPELINE = pipeline
        djoser_settings(SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS={GOOGLE: "*", APPLE: "*"})

    @pytest.mark.parametrize("claim", [False, "false", None])
    def test_an_unverified_email_never_links_to_an_existing_account(
        self, native, claims, make_user, fields, person, claim
    ):
        existing = make_user(**{fields.email: person["email"]})
        claims["email_verified"] = claim

        response = post(GOOGLE, {"id_token": native.sign(claims)})

        assert not UserSocialAuth.objects.filter(user_id=existing.pk).exists()
        if response.status_code == 201:
            assert response.data["user"] != str(existing)

    def test_a_verified_email_from_a_trusted_provider_links(
        self, native, claims, make_user, fields, person
    ):
        existing = make_user(**{fields.email: person["email"]})

        response = post(APPLE, {"id_token": native.sign(claims)})

        assert response.status_code == 201, response.data
        assert response.data["user"] == str(existing)


class TestTwoFactor:
    def test_an_account_with_two_factor_gets_the_second_step(
        self, native, claims, person
    ):
        post(GOOGLE, {"id_token": native.sign(claims)})
        enrolled = enrol(UserSocialAuth.objects.get(uid=person["sub"]).user)

        response = post(GOOGLE, {"id_token": native.sign(claims)})

        assert response.status_code == 401
        assert response.data["mfa_required"] is True
        assert not {"access", "refresh"} & set(response.data)
        finished = verify(APIClient(), response.data["mfa_token"], enrolled.code())
        assert finished.status_code == 201
        # As the code flow's second step answers (test_second_step.py).
        assert set(finished.data) == {"login", "access", "refresh", "user"}
        assert finished.data["login"] == "social"


class TestRateLimits:
    def test_failed_token_logins_count_like_other_logins(
        self, native, claims, djoser_settings
    ):
        djoser_settings(THROTTLE_RATES={"social": "2/hour"})
        another_app(claims)
        token = native.sign(claims)

        statuses = [post(GOOGLE, {"id_token": token}).status_code for _ in range(3)]

        assert statuses == [400, 400, 429]

    def test_successful_token_logins_do_not_count(
        self, native, claims, djoser_settings
    ):
        djoser_settings(THROTTLE_RATES={"social": "1/hour"})

        for _ in range(3):
            assert post(GOOGLE, {"id_token": native.sign(claims)}).status_code == 201
