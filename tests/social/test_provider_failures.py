"""``o/{provider}/`` when something goes wrong: a clear 4xx, never a 500.

Each failure is produced for real: a tampered callback, a provider endpoint
that answers an error or garbage, a port nobody listens on. None of them may
create a user.
"""

import json

import pytest
from rest_framework.test import APIClient

from tests.social.conftest import OAUTH2, OIDC, REDIRECT_URI
from tests.social.provider import Fault

STATE_MISSING = "The state parameter is missing."
STATE_MISMATCH = (
    "The state does not match a login started in this session; start the login again."
)
CANCELED = "The login was cancelled at the provider."
REFUSED = "The provider or this site refused the login."
PROVIDER_ERROR = "The provider answered with an error or a response that is not valid."
UNREACHABLE = "The provider could not be reached; try again later."
REDIRECT_URI_NOT_ALLOWED = "This redirect_uri is not allowed."

BACKENDS = [OIDC, OAUTH2]


@pytest.fixture(params=BACKENDS)
def app(request, app_for):
    return app_for(request.param)


@pytest.fixture(autouse=True)
def no_user_is_created(provider, fields):
    """Every test here ends with no user in the database."""
    yield
    assert not fields.model._default_manager.exists()


def refused_with(response, message=None):
    """A 400 with ``message``; with None, any one readable message will do."""
    assert response.status_code == 400, (response.status_code, response.data)
    assert list(response.data) == ["non_field_errors"]
    (detail,) = response.data["non_field_errors"]
    assert detail == message or (message is None and detail.endswith("."))
    return True


class TestState:
    def test_wrong_state_is_refused(self, app, provider):
        callback = app.callback()

        response = app.finish({**callback, "state": callback["state"] + "x"})

        assert refused_with(response, STATE_MISMATCH)
        assert provider.token_requests == []

    def test_missing_state_is_refused(self, app, provider):
        callback = app.callback()
        del callback["state"]

        response = app.finish(callback)

        assert refused_with(response, STATE_MISSING)
        assert provider.token_requests == []

    def test_empty_state_is_refused(self, app, provider):
        response = app.finish({**app.callback(), "state": ""})

        assert response.status_code == 400
        assert provider.token_requests == []

    def test_a_callback_without_a_started_login_is_refused(self, app, provider):
        callback = app.callback()
        other_session = type(app)(APIClient(), app.backend)

        response = other_session.finish(callback)

        assert refused_with(response, STATE_MISMATCH)
        assert provider.token_requests == []

    def test_a_state_of_another_provider_is_refused(self, app_for, provider):
        client = APIClient()
        callback = app_for(OIDC, client=client).callback()

        response = app_for(OAUTH2, client=client).finish(callback)

        assert refused_with(response, STATE_MISMATCH)

    def test_a_wrong_guess_spends_the_login(self, app, provider):
        callback = app.callback()
        app.finish({**callback, "state": "guess"})

        response = app.finish(callback)

        assert refused_with(response, STATE_MISMATCH)
        assert provider.token_requests == []

    def test_only_the_latest_login_of_a_session_completes(self, app, provider):
        first = app.callback()
        app.callback()

        response = app.finish(first)

        assert refused_with(response, STATE_MISMATCH)


class TestReplay:
    def test_a_replayed_callback_is_refused_without_asking_the_provider(
        self, app, provider, fields
    ):
        callback = app.callback()
        assert app.finish(callback).status_code == 201

        response = app.finish(callback)

        assert refused_with(response, STATE_MISMATCH)
        assert len(provider.token_requests) == 1
        fields.model._default_manager.all().delete()  # the first login's user

    def test_a_used_code_in_a_new_login_is_refused_by_the_provider(
        self, app, provider, fields
    ):
        used = app.callback()
        assert app.finish(used).status_code == 201
        fields.model._default_manager.all().delete()
        fresh = app.callback()

        response = app.finish({**fresh, "code": used["code"]})

        assert refused_with(response, REFUSED)
        assert len(provider.token_requests) == 2


class TestConsent:
    def test_cancelled_consent_is_refused(self, app, provider):
        provider.consent = False
        callback = app.callback()
        assert callback["error"] == "access_denied"

        response = app.finish(callback)

        assert refused_with(response, CANCELED)
        assert provider.token_requests == []

    def test_a_callback_with_neither_code_nor_error_is_a_field_error(
        self, app, provider
    ):
        callback = app.callback()
        del callback["code"]

        response = app.finish(callback)

        assert response.status_code == 400
        assert response.data == {"code": ["This field is required."]}


TOKEN_FAULTS = [
    pytest.param(Fault(400, '{"error": "invalid_grant"}'), REFUSED, id="400"),
    pytest.param(Fault(401, '{"error": "invalid_client"}'), REFUSED, id="401"),
    pytest.param(Fault(403, "forbidden", "text/plain"), REFUSED, id="403-text"),
    pytest.param(Fault(500, "<h1>oops</h1>", "text/html"), PROVIDER_ERROR, id="500"),
    pytest.param(Fault(502, ""), PROVIDER_ERROR, id="502-empty"),
    pytest.param(Fault(503, '{"error": "down"}'), PROVIDER_ERROR, id="503"),
    pytest.param(Fault(200, "not json at all"), PROVIDER_ERROR, id="200-not-json"),
    pytest.param(Fault(200, "[1, 2]"), PROVIDER_ERROR, id="200-json-list"),
    pytest.param(Fault(200, "{}"), PROVIDER_ERROR, id="200-no-access-token"),
    # social-core 4.x sends such a token on to userinfo, which refuses it.
    pytest.param(
        Fault(200, '{"access_token": 5, "id_token": []}'), None, id="200-wrong-types"
    ),
]


class TestProviderFaults:
    @pytest.mark.parametrize("fault, message", TOKEN_FAULTS)
    def test_token_endpoint_failure_is_a_400(self, app, provider, fault, message):
        callback = app.callback()
        provider.faults["token"] = fault

        assert refused_with(app.finish(callback), message)

    @pytest.mark.parametrize(
        "fault",
        [
            pytest.param(Fault(500, "boom", "text/plain"), id="500"),
            pytest.param(Fault(200, "{{{"), id="200-not-json"),
            pytest.param(Fault(200, '"a string"'), id="200-json-string"),
        ],
    )
    def test_userinfo_failure_is_a_400(self, app_for, provider, fault):
        app = app_for(OAUTH2)
        callback = app.callback()
        provider.faults["userinfo"] = fault

        assert refused_with(app.finish(callback), PROVIDER_ERROR)

    def test_userinfo_refusing_the_token_is_a_400(self, app_for, provider):
        app = app_for(OAUTH2)
        callback = app.callback()
        provider.faults["userinfo"] = Fault(401, '{"error": "invalid_token"}')

        assert refused_with(app.finish(callback), REFUSED)

    @pytest.mark.parametrize(
        "fault",
        [
            pytest.param(Fault(500, "boom", "text/plain"), id="500"),
            pytest.param(Fault(200, "not json"), id="200-not-json"),
            pytest.param(Fault(200, '{"keys": []}'), id="no-keys"),
        ],
    )
    def test_openid_keys_failure_is_a_400(self, app_for, provider, fault):
        app = app_for(OIDC)
        callback = app.callback()
        provider.faults["jwks"] = fault

        assert refused_with(app.finish(callback), PROVIDER_ERROR)

    def test_an_id_token_signed_with_another_key_is_refused(self, app_for, provider):
        app = app_for(OIDC)
        callback = app.callback()
        other = type(provider)()
        provider.faults["jwks"] = Fault(200, json.dumps(other.jwks()))

        assert refused_with(app.finish(callback), PROVIDER_ERROR)

    @pytest.mark.parametrize(
        "fault",
        [
            pytest.param(Fault(500, "boom", "text/plain"), id="500"),
            pytest.param(Fault(404, "", "text/plain"), id="404"),
            pytest.param(Fault(200, "not json"), id="200-not-json"),
        ],
    )
    def test_openid_discovery_failure_on_get_is_a_400(self, app_for, provider, fault):
        provider.faults[".well-known/openid-configuration"] = fault

        response = app_for(OIDC).start()

        assert response.status_code == 400
        assert list(response.data) == ["non_field_errors"]


class TestUnreachableProvider:
    def test_closed_port_on_get_is_a_400(
        self, app_for, provider, settings, closed_port
    ):
        settings.SOCIAL_AUTH_OIDC_OIDC_ENDPOINT = f"http://127.0.0.1:{closed_port}"

        assert refused_with(app_for(OIDC).start(), UNREACHABLE)

    def test_closed_port_at_the_token_exchange_is_a_400(
        self, app_for, provider, settings, closed_port
    ):
        app = app_for(OAUTH2)
        callback = app.callback()
        settings.SOCIAL_AUTH_LOCAL_OAUTH2_ACCESS_TOKEN_URL = (
            f"http://127.0.0.1:{closed_port}/token"
        )

        assert refused_with(app.finish(callback), UNREACHABLE)

    def test_closed_port_at_userinfo_is_a_400(
        self, app_for, provider, settings, closed_port
    ):
        app = app_for(OAUTH2)
        callback = app.callback()
        settings.SOCIAL_AUTH_LOCAL_OAUTH2_USERINFO_URL = (
            f"http://127.0.0.1:{closed_port}/userinfo"
        )

        assert refused_with(app.finish(callback), UNREACHABLE)


class TestUnknownProvider:
    @pytest.mark.parametrize("name", ["nonexistent", "google-oauth2", "%C3%A9"])
    def test_get_for_an_unknown_provider_is_a_404(self, app_for, provider, name):
        response = app_for(name).start()

        assert response.status_code == 404
        assert "detail" in response.data

    def test_post_for_an_unknown_provider_is_a_404(self, app_for, provider):
        callback = app_for(OIDC).callback()

        response = app_for("nonexistent").finish(callback)

        assert response.status_code == 404
        assert "detail" in response.data


class TestRedirectURI:
    @pytest.mark.parametrize(
        "redirect_uri",
        [
            pytest.param("https://evil.example/auth/callback", id="other-host"),
            pytest.param(REDIRECT_URI + "/", id="trailing-slash"),
            pytest.param(REDIRECT_URI + "?next=/", id="extra-query"),
            pytest.param(REDIRECT_URI + "#x", id="fragment"),
            pytest.param(REDIRECT_URI.upper(), id="upper-case"),
            pytest.param(REDIRECT_URI[:-1], id="prefix"),
            pytest.param(" " + REDIRECT_URI, id="leading-space"),
            pytest.param(
                "http://localhost:3000@evil.example/auth/callback", id="userinfo"
            ),
        ],
    )
    def test_a_redirect_uri_not_in_the_allow_list_is_a_400(
        self, app_for, provider, redirect_uri
    ):
        response = app_for(OIDC, redirect_uri=redirect_uri).start()

        assert response.status_code == 400
        assert response.data == {"redirect_uri": [REDIRECT_URI_NOT_ALLOWED]}

    def test_a_missing_redirect_uri_is_a_400(self, app_for, provider):
        app = app_for(OIDC)

        response = app.client.get(app.url)

        assert response.status_code == 400
        assert response.data == {"redirect_uri": ["This field is required."]}

    def test_an_empty_allow_list_allows_nothing(
        self, app_for, provider, djoser_settings
    ):
        djoser_settings(SOCIAL_AUTH_ALLOWED_REDIRECT_URIS=[])

        response = app_for(OIDC).start()

        assert response.status_code == 400

    def test_a_refused_redirect_uri_starts_no_login(self, app_for, provider, fields):
        client = APIClient()
        callback = app_for(OIDC, client=client).callback()
        app_for(OIDC, client=client, redirect_uri="https://evil.example/").start()

        # The refused GET did not replace the login the session had started.
        assert app_for(OIDC, client=client).finish(callback).status_code == 201
        fields.model._default_manager.all().delete()

    def test_a_redirect_uri_dropped_from_the_allow_list_mid_login_is_refused(
        self, app, provider, djoser_settings
    ):
        callback = app.callback()
        djoser_settings(SOCIAL_AUTH_ALLOWED_REDIRECT_URIS=["https://other.example/"])

        assert refused_with(app.finish(callback), STATE_MISMATCH)


class TestBadInput:
    @pytest.mark.parametrize(
        "changes",
        [
            pytest.param({"code": "c" * 3000}, id="huge-code"),
            pytest.param({"state": "s" * 3000}, id="huge-state"),
            pytest.param({"code": ["a", "b"]}, id="code-list"),
            pytest.param({"state": {"a": 1}}, id="state-object"),
            pytest.param({"code": None}, id="code-null"),
        ],
    )
    def test_malformed_json_values_are_a_400(self, app, provider, changes):
        body = {**app.callback(), **changes}

        response = app.client.post(app.url, body, format="json")

        assert response.status_code == 400
        assert provider.token_requests == []

    def test_unreadable_json_is_a_400(self, app, provider):
        app.callback()

        response = app.client.post(
            app.url, "{not json", content_type="application/json"
        )

        assert response.status_code == 400

    def test_unicode_state_is_refused_as_a_mismatch(self, app, provider):
        callback = app.callback()

        response = app.finish({**callback, "state": "état-ünïcode-✓"})

        assert refused_with(response, STATE_MISMATCH)


class TestThrottling:
    def test_failed_callbacks_are_limited_then_answer_429(
        self, app, provider, djoser_settings
    ):
        djoser_settings(THROTTLE_RATES={"social": "2/hour"})
        for _ in range(2):
            callback = app.callback()
            refused_with(app.finish({**callback, "state": "forged"}))

        start = app.start()
        finish = app.finish({"code": "any", "state": "any"})

        for response in (start, finish):
            assert response.status_code == 429
            assert int(response["Retry-After"]) >= 1
        assert provider.token_requests == []
