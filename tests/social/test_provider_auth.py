"""``o/{provider}/``: a whole login against the live provider, per backend."""

import pytest
from django.contrib.auth import user_logged_in
from django.urls import Resolver404, resolve, reverse
from rest_framework.test import APIClient
from social_django.models import UserSocialAuth

from tests.social.conftest import OAUTH2, OIDC, REDIRECT_URI, query_of
from tests.social.provider import CLIENT_ID

BACKENDS = [OIDC, OAUTH2]


@pytest.fixture(params=BACKENDS)
def app(request, app_for):
    return app_for(request.param)


def users(fields):
    return fields.model._default_manager


class TestAuthorizationURL:
    def test_get_answers_the_providers_authorization_url(self, app, provider):
        response = app.start()

        assert response.status_code == 200
        assert set(response.data) == {"authorization_url"}
        url = response.data["authorization_url"]
        assert url.startswith(provider.url("authorize") + "?")

    def test_url_carries_the_client_the_exact_redirect_uri_and_a_state(
        self, app, provider
    ):
        query = query_of(app.authorization_url())

        assert query["client_id"] == CLIENT_ID
        assert query["redirect_uri"] == REDIRECT_URI
        assert query["response_type"] == "code"
        assert len(query["state"]) >= 16

    def test_each_login_gets_a_new_state(self, app, provider):
        first = query_of(app.authorization_url())["state"]
        second = query_of(app.authorization_url())["state"]

        assert first != second

    def test_openid_connect_url_asks_for_openid_and_binds_a_nonce(
        self, app_for, provider
    ):
        query = query_of(app_for(OIDC).authorization_url())

        assert "openid" in query["scope"].split()
        assert query["nonce"]

    def test_pkce_backend_sends_an_s256_code_challenge(self, app_for, provider):
        query = query_of(app_for(OAUTH2).authorization_url())

        assert query["code_challenge_method"].upper() == "S256"
        assert query["code_challenge"]

    def test_get_creates_no_user(self, app, provider, fields):
        app.start()

        assert not users(fields).exists()


class TestLogin:
    def test_login_answers_201_with_a_jwt_pair_and_the_user(
        self, app, provider, fields, person
    ):
        response = app.login()

        assert response.status_code == 201, response.data
        assert set(response.data) == {"access", "refresh", "user"}
        user = UserSocialAuth.objects.get(uid=person["sub"]).user
        assert response.data["user"] == str(user)

    def test_login_hands_the_client_a_device_proof_beside_the_body(self, app, provider):
        response = app.login()

        assert response.status_code == 201, response.data
        assert response["Device-Proof"]
        assert response.cookies["djoser_device_proof"].value == response["Device-Proof"]

    def test_login_creates_the_user_the_provider_vouches_for(
        self, app, provider, fields, person, settings
    ):
        app.login()

        social = UserSocialAuth.objects.get(uid=person["sub"])
        assert social.provider == app.backend
        user = users(fields).get()
        assert user == social.user
        if "email" in settings.SOCIAL_AUTH_USER_FIELDS:
            assert getattr(user, fields.email) == person["email"]

    def test_access_token_authenticates_users_me(self, app, provider, fields, person):
        tokens = app.login().data
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"JWT {tokens['access']}")

        response = client.get(reverse("user-me"))

        assert response.status_code == 200
        social = UserSocialAuth.objects.get(uid=person["sub"])
        assert response.data[fields.id] == social.user.pk

    def test_refresh_token_gives_a_new_access_token(self, app, provider):
        tokens = app.login().data

        response = APIClient().post(
            reverse("jwt-refresh"), {"refresh": tokens["refresh"]}, format="json"
        )

        assert response.status_code == 200
        assert response.data["access"]

    def test_a_second_login_matches_the_same_user(self, app_for, provider, fields):
        backend = OIDC
        first = app_for(backend, client=APIClient()).login()
        second = app_for(backend, client=APIClient()).login()

        assert first.status_code == second.status_code == 201
        assert first.data["user"] == second.data["user"]
        assert users(fields).count() == 1

    def test_the_same_subject_at_two_backends_makes_two_users(
        self, app_for, provider, fields, person
    ):
        app_for(OIDC, client=APIClient()).login()
        provider.signed_in = {**person, "email": "other@example.com"}
        provider.signed_in["preferred_username"] = "other"
        app_for(OAUTH2, client=APIClient()).login()

        assert users(fields).count() == 2

    def test_login_records_the_login(self, app, provider, signal_calls, person):
        logged_in = signal_calls(user_logged_in)

        app.login()

        user = UserSocialAuth.objects.get(uid=person["sub"]).user
        assert [call["user"] for call in logged_in] == [user]
        user.refresh_from_db()
        assert user.last_login is not None

    def test_state_may_stay_in_the_query_string(self, app, provider):
        callback = app.callback()
        state = callback.pop("state")

        response = app.finish(callback, query={"state": state})

        assert response.status_code == 201, response.data

    def test_json_body_is_accepted_too(self, app, provider):
        response = app.client.post(app.url, app.callback(), format="json")

        assert response.status_code == 201, response.data

    def test_token_request_sends_the_redirect_uri_and_the_code(self, app, provider):
        callback = app.callback()

        app.finish(callback)

        (token_request,) = provider.token_requests
        assert token_request["code"] == callback["code"]
        assert token_request["redirect_uri"] == REDIRECT_URI

    def test_pkce_backend_proves_the_code_verifier(self, app_for, provider):
        app_for(OAUTH2).login()

        (token_request,) = provider.token_requests
        assert token_request["code_verifier"]

    def test_an_inactive_user_is_refused(self, app_for, provider, person):
        assert app_for(OIDC, client=APIClient()).login().status_code == 201
        user = UserSocialAuth.objects.get(uid=person["sub"]).user
        user.is_active = False
        user.save()

        response = app_for(OIDC, client=APIClient()).login()

        assert response.status_code == 400
        assert response.data == {"non_field_errors": ["User account is disabled."]}

    def test_token_strategy_is_read_from_settings(self, app, provider, djoser_settings):
        djoser_settings(
            SOCIAL_AUTH_TOKEN_STRATEGY="tests.social.strategies.NamedTokenStrategy"
        )

        response = app.login()

        assert response.status_code == 201
        assert response.data["access"] == "access-for-" + response.data["user"]


class TestURLs:
    def test_provider_auth_route_takes_any_backend_name(self):
        url = reverse("provider-auth", kwargs={"provider": "google-oauth2"})

        assert url == "/auth/o/google-oauth2/"

    def test_the_route_needs_its_trailing_slash(self):
        with pytest.raises(Resolver404):
            resolve("/auth/o/oidc")


class TestExistingAccounts:
    def test_a_login_never_hands_out_an_account_it_is_not_linked_to(
        self, app_for, provider, make_user, fields, person
    ):
        # An account made by signing up, whose address the provider now claims.
        existing = make_user(**{fields.email: person["email"]})

        response = app_for(OIDC).login()

        # Either a new account (the email is not unique) or a 400: never theirs.
        if response.status_code == 201:
            assert response.data["user"] != str(existing)
        else:
            assert response.status_code == 400
            assert response.data == {
                "non_field_errors": [
                    "This identity or email address belongs to another account."
                ]
            }
        assert not UserSocialAuth.objects.filter(user_id=existing.pk).exists()


def test_successful_logins_do_not_count_towards_the_limit(app, djoser_settings):
    djoser_settings(THROTTLE_RATES={"social": "1/hour"})

    for _ in range(3):
        assert app.login().status_code == 201
