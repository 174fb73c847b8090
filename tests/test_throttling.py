"""Rate limits (``djoser.throttling``) on every endpoint that mails, checks a
password or consumes a link.

CI runs this module a second time with its counters in a real Redis server
(``DJOSER_TEST_REDIS_URL``). Time moves by patching the throttles' clock.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache, caches
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from djoser import throttling
from djoser.conf import RECOMMENDED_THROTTLE_RATES
from djoser.conf import settings as djoser_settings_object
from djoser.utils import encode_uid
from tests.conftest import NEW_PASSWORD, PASSWORD

WRONG = "not-the-password"
HOUR = 3600


def _login(fields, account):
    return {fields.username: getattr(account, fields.username), "password": WRONG}


def _email(fields, account):
    return {fields.email: getattr(account, fields.email)}


def _registration(fields, account):
    return {
        **fields.values(),
        fields.email: getattr(account, fields.email),
        "password": PASSWORD,
    }


def _link(extra):
    def body(fields, account):
        fresh = fields.values()
        values = {"new_password": NEW_PASSWORD, "new_username": fresh[fields.username]}
        data = {"uid": encode_uid(account.pk), "token": "not-a-valid-token"}
        return {**data, **{name(fields): values[key] for key, name in extra}}

    return body


def _new_username_field(fields):
    return f"new_{fields.username}"


def _signed_in(extra):
    def body(fields, account):
        fresh = fields.values()
        values = {"new_password": NEW_PASSWORD, "new_username": fresh[fields.username]}
        return {
            "current_password": WRONG,
            **{name(fields): values[key] for key, name in extra},
        }

    return body


NEW_PASSWORD_FIELD = [("new_password", lambda fields: "new_password")]
NEW_USERNAME_FIELD = [("new_username", _new_username_field)]


@dataclass
class Throttled:
    """An endpoint under one THROTTLE_RATES key, and a request about an account."""

    action: str
    route: str
    body: Callable
    method: str = "post"
    signed_in: bool = False
    settings: dict = field(default_factory=dict)


FLOWS = {
    "token-login": Throttled("token_create", "login", _login),
    "jwt-login": Throttled("token_create", "jwt-create", _login),
    "registration": Throttled("user_create", "user-list", _registration),
    "reset-password": Throttled("password_reset", "user-reset-password", _email),
    "resend-activation": Throttled(
        "password_reset",
        "user-resend-activation",
        _email,
        settings={"SEND_ACTIVATION_EMAIL": True},
    ),
    "reset-username": Throttled("username_reset", "user-reset-username", _email),
    "activation": Throttled("activation", "user-activation", _link([])),
    "reset-password-confirm": Throttled(
        "password_reset_confirm",
        "user-reset-password-confirm",
        _link(NEW_PASSWORD_FIELD),
    ),
    "reset-username-confirm": Throttled(
        "username_reset_confirm",
        "user-reset-username-confirm",
        _link(NEW_USERNAME_FIELD),
    ),
    "set-password": Throttled(
        "set_password",
        "user-set-password",
        _signed_in(NEW_PASSWORD_FIELD),
        signed_in=True,
    ),
    "set-username": Throttled(
        "set_username",
        "user-set-username",
        _signed_in(NEW_USERNAME_FIELD),
        signed_in=True,
    ),
    "delete-me": Throttled(
        "user_delete", "user-me", _signed_in([]), method="delete", signed_in=True
    ),
}

# The flows the recommended rates limit, and their number of requests.
RECOMMENDED_LIMITS = {
    "token-login": 10,
    "jwt-login": 10,
    "registration": 10,
    "reset-password": 5,
    "resend-activation": 5,
    "reset-username": 5,
    # Wrong current_passwords behind a stolen token (issue 24, finding 4).
    "set-password": 5,
    "set-username": 5,
    "delete-me": 5,
}


class Clock:
    """Starts at the start of today (UTC), where every window of a minute,
    an hour or a day begins."""

    def __init__(self):
        self.now = time.time() // 86400 * 86400

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(
        throttling.DjoserRateThrottle, "timer", staticmethod(lambda: clock.now)
    )
    return clock


@pytest.fixture
def flow(request, djoser_settings):
    flow = FLOWS[request.param]
    if flow.settings:
        djoser_settings(**flow.settings)
    return flow


@pytest.fixture
def rates(djoser_settings):
    """``rates(action="3/hour")``: change some THROTTLE_RATES, keep the rest."""

    def apply(**changes):
        djoser_settings(THROTTLE_RATES=changes)

    return apply


@pytest.fixture
def recommended(djoser_settings):
    """The one line a project adds to DJOSER to turn the recommended limits on."""
    djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)


@pytest.fixture
def send(flow, fields):
    """``send(account, ip)``: the flow's request about ``account`` from ``ip``."""

    def make(account, ip="192.0.2.1", **extra):
        client = APIClient()
        if flow.signed_in:
            token, _ = Token.objects.get_or_create(user=account)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return getattr(client, flow.method)(
            reverse(flow.route),
            flow.body(fields, account),
            format="json",
            REMOTE_ADDR=ip,
            **extra,
        )

    return make


def assert_throttled(response):
    assert response.status_code == 429
    assert str(response.data["detail"]).startswith("Request was throttled.")
    assert int(response["Retry-After"]) >= 1


def assert_not_throttled(response):
    assert response.status_code != 429, response.content


all_flows = pytest.mark.parametrize("flow", list(FLOWS), indirect=True)


@all_flows
class TestEveryThrottledFlow:
    def test_limit_trips_at_the_configured_count(self, flow, send, user, rates):
        rates(**{flow.action: "3/hour"})

        for _ in range(3):
            assert_not_throttled(send(user))
        response = send(user)

        assert_throttled(response)
        assert int(response["Retry-After"]) <= HOUR

    def test_one_account_is_limited_across_addresses(self, flow, send, user, rates):
        rates(**{flow.action: "3/hour"})

        for number in range(3):
            assert_not_throttled(send(user, ip=f"198.51.100.{number}"))

        assert_throttled(send(user, ip="203.0.113.9"))

    def test_one_address_is_limited_across_accounts(self, flow, send, make_user, rates):
        rates(**{flow.action: "3/hour"})

        for _ in range(3):
            assert_not_throttled(send(make_user(), ip="198.51.100.7"))

        assert_throttled(send(make_user(), ip="198.51.100.7"))

    def test_another_address_and_account_are_not_limited(
        self, flow, send, user, other_user, rates
    ):
        rates(**{flow.action: "3/hour"})
        for _ in range(4):
            send(user)

        assert_not_throttled(send(other_user, ip="203.0.113.9"))

    def test_limit_resets_after_the_window(self, flow, send, user, rates, clock):
        rates(**{flow.action: "3/hour"})
        for _ in range(3):
            send(user)
            clock.advance(60)
        retry_after = int(send(user)["Retry-After"])

        clock.advance(retry_after - 5)
        assert_throttled(send(user))
        clock.advance(5)
        assert_not_throttled(send(user))

    def test_none_turns_the_limit_off(self, flow, send, user, rates):
        rates(**{flow.action: None})

        for _ in range(12):
            assert_not_throttled(send(user))


@all_flows
def test_no_flow_is_limited_by_default(flow, send, user):
    for _ in range(12):
        assert_not_throttled(send(user))


def test_defaults_limit_nothing_djoser_2_had():
    rates = dict(djoser_settings_object.THROTTLE_RATES)
    # djoser.mfa's second step and reauthenticate/, which djoser 2.x never
    # had, are limited.
    assert rates.pop("mfa_verify") == "10/hour"
    assert rates.pop("reauthentication") == "10/hour"
    # Nor had it djoser.codes' endpoints (off until CODES turns them on).
    assert rates.pop("login_code_request") == "5/hour"
    assert rates.pop("code_confirm") == "30/hour"
    assert set(rates.values()) == {None}


@pytest.mark.parametrize("flow", list(RECOMMENDED_LIMITS), indirect=True)
def test_flow_is_limited_by_the_recommended_rates(
    flow, send, user, request, recommended
):
    limit = RECOMMENDED_LIMITS[request.node.callspec.params["flow"]]

    for _ in range(limit):
        assert_not_throttled(send(user))

    assert_throttled(send(user))


@pytest.mark.parametrize(
    "flow", [name for name in FLOWS if name not in RECOMMENDED_LIMITS], indirect=True
)
def test_flow_is_not_limited_by_the_recommended_rates(flow, send, user, recommended):
    for _ in range(12):
        assert_not_throttled(send(user))


def test_recommended_rates_limit_mail_logins_challenges_and_password_checks_only(
    recommended,
):
    limited = {
        action
        for action, rate in djoser_settings_object.THROTTLE_RATES.items()
        if rate is not None
    }

    assert limited == {
        "token_create",
        "social",
        "webauthn_login",
        "mfa_verify",
        "user_create",
        "password_reset",
        "username_reset",
        "email_change",
        "webauthn_signup_request",
        "webauthn_login_request",
        "set_password",
        "set_username",
        "user_delete",
        "reauthentication",
        "login_code_request",
        "code_confirm",
    }


def test_recommended_rates_name_every_action():
    assert set(RECOMMENDED_THROTTLE_RATES) == set(djoser_settings_object.THROTTLE_RATES)


def test_every_permission_key_has_a_rate():
    assert set(djoser_settings_object.PERMISSIONS) <= set(
        djoser_settings_object.THROTTLE_RATES
    )


def test_rates_merge_with_the_defaults(rates):
    rates(activation="2/minute")

    assert djoser_settings_object.THROTTLE_RATES["activation"] == "2/minute"
    assert djoser_settings_object.THROTTLE_RATES["password_reset"] is None


def test_rates_merge_with_the_recommended_ones(rates):
    rates(**{**RECOMMENDED_THROTTLE_RATES, "password_reset": "3/hour"})

    assert djoser_settings_object.THROTTLE_RATES["password_reset"] == "3/hour"
    assert djoser_settings_object.THROTTLE_RATES["token_create"] == "10/hour"


class TestLogin:
    @pytest.mark.parametrize("route", ["login", "jwt-create"])
    def test_successful_logins_do_not_count(
        self, api_client, fields, user, rates, route
    ):
        rates(token_create="2/hour")
        good = {fields.username: getattr(user, fields.username), "password": PASSWORD}

        for _ in range(5):
            assert (
                api_client.post(reverse(route), good, format="json").status_code == 200
            )
        bad = {**good, "password": WRONG}
        statuses = [
            api_client.post(reverse(route), bad, format="json").status_code
            for _ in range(3)
        ]

        assert statuses[:2] in ([400, 400], [401, 401])
        assert statuses[2] == 429

    def test_token_and_jwt_failures_share_one_count(
        self, api_client, fields, user, rates
    ):
        rates(token_create="2/hour")
        bad = {fields.username: getattr(user, fields.username), "password": WRONG}
        api_client.post(reverse("login"), bad, format="json")
        api_client.post(reverse("jwt-create"), bad, format="json")

        assert_throttled(api_client.post(reverse("login"), bad, format="json"))

    @pytest.mark.parametrize("route", ["login", "jwt-create"])
    def test_a_limited_login_does_not_check_the_password(
        self, api_client, fields, user, rates, route, signal_calls
    ):
        rates(token_create="1/hour")
        bad = {fields.username: getattr(user, fields.username), "password": WRONG}
        api_client.post(reverse(route), bad, format="json")
        failures = signal_calls(user_login_failed)
        logins = signal_calls(user_logged_in)

        response = api_client.post(
            reverse(route), {**bad, "password": PASSWORD}, format="json"
        )

        assert_throttled(response)
        assert failures == [] and logins == []
        assert not Token.objects.filter(user=user).exists()

    def test_a_login_is_counted_before_its_password_is_checked(
        self, api_client, fields, user, rates, monkeypatch
    ):
        rates(token_create="1/hour")
        bad = {fields.username: getattr(user, fields.username), "password": WRONG}
        check_password = fields.model.check_password
        during_the_check = []

        def check_and_try_again(account, raw_password):
            # A second attempt arrives while the first is being checked.
            if not during_the_check:
                during_the_check.append(
                    APIClient().post(reverse("login"), bad, format="json")
                )
            return check_password(account, raw_password)

        monkeypatch.setattr(fields.model, "check_password", check_and_try_again)

        first = api_client.post(reverse("login"), bad, format="json")

        assert first.status_code == 400
        assert_throttled(during_the_check[0])

    def test_a_successful_login_gives_its_count_back(
        self, api_client, fields, user, rates
    ):
        rates(token_create="1/hour")
        good = {fields.username: getattr(user, fields.username), "password": PASSWORD}
        assert api_client.post(reverse("login"), good, format="json").status_code == 200

        bad = {**good, "password": WRONG}
        assert api_client.post(reverse("login"), bad, format="json").status_code == 400
        assert_throttled(api_client.post(reverse("login"), bad, format="json"))

    def test_login_names_differing_in_case_share_one_count(
        self, api_client, fields, user, rates
    ):
        rates(token_create="2/hour")
        name = getattr(user, fields.username)
        for variant in (name.upper(), f" {name} "):
            body = {fields.username: variant, "password": WRONG}
            api_client.post(reverse("login"), body, format="json", REMOTE_ADDR=variant)

        response = api_client.post(
            reverse("login"), {fields.username: name, "password": WRONG}, format="json"
        )

        assert_throttled(response)

    @pytest.mark.parametrize(
        "name",
        ["ü" * 10_000, "名前\u200b", ["a", "list"], {"a": "dict"}, 12345, None],
        ids=["huge", "unicode", "list", "dict", "number", "null"],
    )
    def test_odd_login_names_answer_400_then_429(
        self, api_client, fields, rates, name, db
    ):
        rates(token_create="2/hour")
        body = {fields.username: name, "password": WRONG}
        statuses = [
            api_client.post(reverse("login"), body, format="json").status_code
            for _ in range(3)
        ]

        assert statuses == [400, 400, 429]

    def test_a_lone_surrogate_login_name_is_an_unreadable_body_that_counts_nothing(
        self, api_client, fields, rates, db
    ):
        rates(token_create="2/hour")
        body = f'{{"{fields.username}": "\\ud800", "password": "{WRONG}"}}'
        statuses = [
            api_client.post(
                reverse("login"), body, content_type="application/json"
            ).status_code
            for _ in range(3)
        ]

        assert statuses == [400, 400, 400]

    def test_a_malformed_body_answers_400_and_counts_nothing(
        self, api_client, fields, user, rates
    ):
        rates(token_create="1/hour")
        for _ in range(3):
            response = api_client.post(
                reverse("login"), b'{"a":', content_type="application/json"
            )
            assert response.status_code == 400
        bad = {fields.username: getattr(user, fields.username), "password": WRONG}

        assert api_client.post(reverse("login"), bad, format="json").status_code == 400


class TestNoEffectWhenLimited:
    def test_a_request_refused_by_one_limit_counts_against_the_others(
        self, api_client, fields, user, other_user, rates
    ):
        rates(password_reset="2/hour")

        def reset(account, ip):
            body = {fields.email: getattr(account, fields.email)}
            return api_client.post(
                reverse("user-reset-password"), body, format="json", REMOTE_ADDR=ip
            )

        for _ in range(2):
            reset(user, "198.51.100.1")
        # Refused by the address's limit: other_user's count is given back.
        assert_throttled(reset(other_user, "198.51.100.1"))

        assert_not_throttled(reset(other_user, "203.0.113.1"))
        assert_not_throttled(reset(other_user, "203.0.113.2"))
        assert_throttled(reset(other_user, "203.0.113.3"))

    def test_a_limited_reset_sends_no_mail(
        self, api_client, fields, user, mailoutbox, rates
    ):
        rates(password_reset="1/hour")
        body = {fields.email: getattr(user, fields.email)}
        api_client.post(reverse("user-reset-password"), body, format="json")
        assert len(mailoutbox) == 1

        response = api_client.post(reverse("user-reset-password"), body, format="json")

        assert_throttled(response)
        assert len(mailoutbox) == 1

    def test_a_limited_registration_creates_nobody_and_sends_no_mail(
        self, db, api_client, fields, mailoutbox, rates, djoser_settings
    ):
        djoser_settings(SEND_ACTIVATION_EMAIL=True)
        rates(user_create="1/hour")
        api_client.post(
            reverse("user-list"),
            {**fields.values(), "password": PASSWORD},
            format="json",
        )
        data = {**fields.values(), "password": PASSWORD}

        response = api_client.post(reverse("user-list"), data, format="json")

        assert_throttled(response)
        assert fields.model._default_manager.count() == 1
        assert len(mailoutbox) == 1

    def test_a_limited_password_change_keeps_the_old_password(
        self, user_client, user, rates
    ):
        rates(set_password="1/hour")
        body = {"current_password": WRONG, "new_password": NEW_PASSWORD}
        user_client.post(reverse("user-set-password"), body, format="json")

        response = user_client.post(
            reverse("user-set-password"),
            {**body, "current_password": PASSWORD},
            format="json",
        )

        assert_throttled(response)
        user.refresh_from_db()
        assert user.check_password(PASSWORD)


class TestClientAddress:
    @pytest.fixture
    def reset(self, api_client, make_user, fields, rates):
        rates(password_reset="2/hour")

        def post(**headers):
            body = {fields.email: getattr(make_user(), fields.email)}
            return api_client.post(
                reverse("user-reset-password"), body, format="json", **headers
            )

        return post

    def test_without_proxies_forwarded_for_is_ignored(self, reset):
        for number in range(2):
            reset(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")

        assert_throttled(
            reset(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
        )

    def test_with_num_proxies_each_forwarded_client_has_its_own_count(
        self, reset, settings
    ):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
        for _ in range(2):
            reset(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")

        assert_not_throttled(
            reset(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
        )
        assert_throttled(
            reset(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
        )


def test_options_neither_counts_nor_is_refused(user_client, fields, user, rates):
    rates(password_reset="1/hour")
    url = reverse("user-reset-password")
    for _ in range(3):
        assert user_client.options(url).status_code == 200

    body = {fields.email: getattr(user, fields.email)}
    assert user_client.post(url, body, format="json").status_code == 204


@pytest.mark.parametrize(
    "url",
    [
        reverse("provider-auth", kwargs={"provider": "oidc"}),
        reverse("login"),
        reverse("jwt-create"),
        reverse("user-reset-password"),
    ],
)
def test_a_method_the_endpoint_does_not_take_is_never_counted(user_client, rates, url):
    # Only a request that reaches the view's action counts: PUT answers 405.
    rates(social="1/hour", token_create="1/hour", password_reset="1/hour")
    for _ in range(3):
        assert user_client.put(url, {}, format="json").status_code == 405


def test_an_unmapped_method_of_the_user_viewset_is_never_counted(user_client, rates):
    # An unmapped method has no action, so it would count under "user".
    rates(user="1/hour")
    for _ in range(3):
        assert user_client.delete(reverse("user-list")).status_code == 405

    assert user_client.patch(reverse("user-me"), {}, format="json").status_code == 200


def test_clearing_the_cache_forgets_every_count(api_client, fields, user, recommended):
    # The call docs/from_djoser.rst gives test suites that run with limits on.
    bad = _login(fields, user)
    for _ in range(RECOMMENDED_LIMITS["token-login"]):
        api_client.post(reverse("login"), bad, format="json")
    assert_throttled(api_client.post(reverse("login"), bad, format="json"))

    cache.clear()

    assert api_client.post(reverse("login"), bad, format="json").status_code == 400


def test_every_counter_of_a_request_is_counted_in_one_cache_call(
    api_client, fields, user, rates, monkeypatch
):
    rates(token_create="10/hour")
    calls = []
    add_one = throttling.counters.add_one

    def recording_add_one(cache, keys, timeout):
        calls.append(list(keys))
        return add_one(cache, keys, timeout)

    monkeypatch.setattr(throttling.counters, "add_one", recording_add_one)

    response = api_client.post(reverse("login"), _login(fields, user), format="json")

    assert response.status_code == 400
    # The client's address and the login name, together.
    assert [len(keys) for keys in calls] == [2]


def test_counters_are_counted_in_the_default_cache_backend_itself(
    api_client, fields, user, rates, monkeypatch
):
    # Not through Django's ``cache`` proxy, which is no instance of its
    # backend's class: on Redis, counters.add_one would miss its pipeline.
    rates(token_create="10/hour")
    caches_used = []
    add_one = throttling.counters.add_one

    def recording_add_one(cache, keys, timeout):
        caches_used.append(cache)
        return add_one(cache, keys, timeout)

    monkeypatch.setattr(throttling.counters, "add_one", recording_add_one)

    api_client.post(reverse("login"), _login(fields, user), format="json")

    assert len(caches_used) == 1
    assert caches_used[0] is caches["default"]


def test_a_rate_that_is_no_rate_is_a_clear_configuration_error(rates):
    rates(password_reset="five per hour")

    with pytest.raises(ImproperlyConfigured, match="password_reset"):
        throttling.throttles_for("password_reset")


@pytest.mark.parametrize("rate", [5, ["5/hour"], {"rate": "5/hour"}])
def test_a_rate_that_is_not_a_string_is_a_clear_configuration_error(rates, rate):
    rates(password_reset=rate)

    with pytest.raises(ImproperlyConfigured, match="password_reset"):
        throttling.throttles_for("password_reset")


def test_an_action_without_a_rate_is_a_clear_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="unknown_action"):
        throttling.throttles_for("unknown_action")


class PasskeyLogin(throttling.WebauthnLoginThrottleMixin, APIView):
    """A login that succeeds when the body says so, to test the mixin alone."""

    authentication_classes = ()
    permission_classes = ()

    def post(self, request):
        return Response(status=201 if request.data.get("valid") else 400)


class SocialLogin(throttling.SocialThrottleMixin, APIView):
    authentication_classes = ()
    permission_classes = ()

    def post(self, request):
        return Response(status=201 if request.data.get("valid") else 400)


def call(view, body, ip="192.0.2.1"):
    request = APIRequestFactory().post("/", body, format="json", REMOTE_ADDR=ip)
    return view.as_view()(request)


class TestMixinsForOtherLogins:
    @pytest.mark.parametrize("view", [PasskeyLogin, SocialLogin])
    def test_only_failed_attempts_count(self, view, rates):
        rates(webauthn_login="2/hour", social="2/hour")
        for _ in range(4):
            assert call(view, {"valid": True}).status_code == 201
        call(view, {})
        call(view, {})

        assert_throttled(call(view, {"valid": True}))

    @pytest.mark.parametrize("view", [PasskeyLogin, SocialLogin])
    def test_an_attempt_is_counted_before_the_login_runs(
        self, view, rates, monkeypatch
    ):
        rates(webauthn_login="1/hour", social="1/hour")
        during_the_login = []
        post = view.post

        def post_and_try_again(self, request):
            if not during_the_login:
                during_the_login.append(call(view, {"valid": True}))
            return post(self, request)

        monkeypatch.setattr(view, "post", post_and_try_again)

        assert call(view, {}).status_code == 400
        assert_throttled(during_the_login[0])

    def test_passkey_login_counts_no_id_before_it_is_checked(self, rates):
        # An id in the body is only a claim: forged ones from many addresses
        # must not fill the passkey's count (djoser.webauthn.throttling).
        rates(webauthn_login="2/hour")
        body = {"id": "cGFzc2tleS1pZA", "valid": False}
        for number in range(2):
            call(PasskeyLogin, body, ip=f"198.51.100.{number}")

        assert_not_throttled(call(PasskeyLogin, body, ip="203.0.113.9"))

    @pytest.mark.parametrize(
        "action,view", [("webauthn_login", PasskeyLogin), ("social", SocialLogin)]
    )
    def test_none_turns_the_limit_off(self, action, view, rates):
        rates(**{action: None})

        for _ in range(12):
            assert call(view, {}).status_code == 400


def _spellings_of(pk):
    """Ways to write ``pk`` that the primary-key lookup reads as the same key."""
    digits = str(pk)
    arabic_indic = digits.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    fullwidth = digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return [digits, f"0{digits}", f" {digits}", arabic_indic, fullwidth]


def test_every_spelling_of_a_link_uid_counts_for_one_account(
    api_client, inactive_user, rates
):
    rates(activation="4/hour")
    spellings = _spellings_of(inactive_user.pk)
    statuses = [
        api_client.post(
            reverse("user-activation"),
            {"uid": encode_uid(spelling), "token": "not-a-valid-token"},
            format="json",
            REMOTE_ADDR=f"198.51.100.{number}",
        ).status_code
        for number, spelling in enumerate(spellings)
    ]

    assert statuses == [400, 400, 400, 400, 429]


def test_a_new_window_starts_with_no_count(api_client, fields, user, rates, clock):
    rates(password_reset="3/hour")
    body = {fields.email: getattr(user, fields.email)}

    def reset():
        return api_client.post(reverse("user-reset-password"), body, format="json")

    clock.advance(HOUR - 10)
    for _ in range(3):
        assert_not_throttled(reset())
    response = reset()
    assert_throttled(response)
    assert int(response["Retry-After"]) == 10

    # The documented worst case: the next window's limit right after.
    clock.advance(10)
    for _ in range(3):
        assert_not_throttled(reset())
    assert_throttled(reset())
