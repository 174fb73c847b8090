"""Every endpoint, in both clients: the same answers, but for the credentials.

Each case is one request, made by an app client (a token in the
``Authorization`` header, on the app client's route) for one account and by
a signed-in browser (cookies and the CSRF token, on the browser client's
route) for another. Both must answer the case's status. Then the same
browser request without the CSRF token must be refused with 403 when its
method is unsafe.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import get_resolver, reverse

from djoser.utils import encode_uid
from tests.browser.conftest import BrowserClient, browser_url
from tests.conftest import NEW_PASSWORD, PASSWORD


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    status: int
    # body(user, fields) -> the request body for that account
    body: object = None
    # kwargs(user, fields) -> the route's arguments
    kwargs: object = None
    settings: dict = field(default_factory=dict)


def link(user):
    return {
        "uid": encode_uid(user.pk),
        "token": default_token_generator.make_token(user),
    }


def own_id(user, fields):
    return {fields.id: user.pk}


CASES = [
    Case("api-root", "get", 200),
    Case("session-list", "get", 200),
    Case("session-detail", "delete", 404, kwargs=lambda user, fields: {"pk": 9}),
    Case(
        "session-logout-others",
        "post",
        204,
        body=lambda user, fields: {"current_password": PASSWORD},
    ),
    Case("social-account-list", "get", 200),
    Case("social-account-detail", "delete", 404, kwargs=lambda user, fields: {"pk": 9}),
    Case(
        "provider-token",
        "post",
        400,
        body=lambda user, fields: {},
        kwargs=lambda user, fields: {"provider": "nowhere"},
    ),
    *(
        Case(
            name,
            "post",
            400,
            body=lambda user, fields: {},
            settings={
                "CODES": {"LOGIN": True, "ACTIVATION": True, "PASSWORD_RESET": True}
            },
        )
        for name in (
            "login-code-request",
            "login-code-confirm",
            "login-code-resend",
            "user-activation-code",
            "user-reset-password-code",
        )
    ),
    Case("client-config", "get", 200),
    Case("user-list", "get", 200),
    Case(
        "user-list",
        "post",
        201,
        body=lambda user, fields: {**fields.values(), "password": PASSWORD},
    ),
    Case("user-detail", "get", 200, kwargs=own_id),
    Case("user-detail", "patch", 200, body=lambda user, fields: {}, kwargs=own_id),
    Case(
        "user-detail",
        "delete",
        204,
        body=lambda user, fields: {"current_password": PASSWORD},
        kwargs=own_id,
    ),
    Case("user-me", "get", 200),
    Case("user-me", "patch", 200, body=lambda user, fields: {}),
    Case(
        "user-me",
        "delete",
        204,
        body=lambda user, fields: {"current_password": PASSWORD},
    ),
    Case("user-activation", "post", 403, body=lambda user, fields: link(user)),
    Case(
        "user-resend-activation",
        "post",
        400,
        body=lambda user, fields: {fields.email: getattr(user, fields.email)},
    ),
    Case(
        "user-set-password",
        "post",
        204,
        body=lambda user, fields: {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
        },
    ),
    Case(
        "user-reset-password",
        "post",
        204,
        body=lambda user, fields: {fields.email: getattr(user, fields.email)},
    ),
    Case(
        "user-reset-password-confirm",
        "post",
        204,
        body=lambda user, fields: {**link(user), "new_password": NEW_PASSWORD},
    ),
    Case(
        "user-set-username",
        "post",
        204,
        body=lambda user, fields: {
            "current_password": PASSWORD,
            f"new_{fields.username}": fields.values()[fields.username],
        },
    ),
    Case(
        "user-reset-username",
        "post",
        204,
        body=lambda user, fields: {fields.email: getattr(user, fields.email)},
    ),
    Case(
        "user-reset-username-confirm",
        "post",
        204,
        body=lambda user, fields: {
            **link(user),
            f"new_{fields.username}": fields.values()[fields.username],
        },
    ),
    Case(
        "user-email-change",
        "post",
        202,
        body=lambda user, fields: {
            f"new_{fields.email}": fields.values()[fields.email],
            "current_password": PASSWORD,
        },
    ),
    Case(
        "user-email-change-confirm",
        "post",
        400,
        body=lambda user, fields: {"uid": "x", "token": "y"},
    ),
    Case(
        "user-email-change-undo",
        "post",
        400,
        body=lambda user, fields: {"uid": "x", "token": "y"},
        settings={"EMAIL_CHANGE_UNDO_URL": "#/undo/{uid}/{token}"},
    ),
    Case(
        "user-not-me",
        "post",
        400,
        body=lambda user, fields: {"uid": "x", "token": "y"},
        settings={"NOT_ME_URL": "#/not-me/{uid}/{token}"},
    ),
    Case("logout", "post", 204),
    Case(
        "logout_all",
        "post",
        204,
        body=lambda user, fields: {"current_password": PASSWORD},
    ),
    Case("device-token-list", "get", 200),
    Case("device-token-detail", "delete", 404, kwargs=lambda user, fields: {"pk": 9}),
    # Sensitive: both clients are asked for a fresh proof (djoser.reauthentication).
    Case("mfa-totp", "get", 401),
    Case(
        "reauthenticate",
        "post",
        200,
        body=lambda user, fields: {"current_password": PASSWORD},
    ),
    Case("reauthenticate-passkey-request", "post", 400),
    Case("mfa-recovery-codes", "get", 200),
    Case("mfa-recovery-codes", "post", 401, body=lambda user, fields: {}),
    Case("webauthn_passkey_list", "get", 200),
    Case("webauthn_passkey_add_request", "post", 401),
    Case("webauthn_passkey_add", "post", 401, body=lambda user, fields: {}),
    Case("webauthn_passkey_detail", "get", 404, kwargs=lambda user, fields: {"pk": 9}),
    Case(
        "webauthn_passkey_detail", "delete", 401, kwargs=lambda user, fields: {"pk": 9}
    ),
    Case("webauthn_login_request", "post", 200, body=lambda user, fields: {}),
    Case(
        "webauthn_signup_request",
        "post",
        200,
        body=lambda user, fields: {fields.username: fields.values()[fields.username]},
    ),
    Case(
        "webauthn_signup",
        "post",
        400,
        body=lambda user, fields: {},
        kwargs=lambda user, fields: {"ukey": "unknown"},
    ),
]

# Routes whose browser form differs from the app's (credentials in cookies,
# not bodies); their own tests cover both clients.
COVERED_ELSEWHERE = {
    "csrf": "tests/browser/test_login.py",
    "login": "tests/browser/test_login.py",
    "jwt-create": "tests/browser/test_login.py",
    "jwt-refresh": "tests/browser/test_refresh_and_logout.py",
    "jwt-verify": "tests/browser/test_refresh_and_logout.py",
    "jwt-blacklist": "tests/browser/test_refresh_and_logout.py",
    "mfa-verify": "tests/mfa/test_browser.py",
    "provider-auth": "tests/social/test_browser.py",
    "webauthn_login": "tests/webauthn/test_browser.py",
}


def case_id(case):
    return f"{case.method}-{case.name}"


def browser_route_names():
    resolver = get_resolver().namespace_dict["browser"][1]
    return {key for key in resolver.reverse_dict if isinstance(key, str)}


def test_every_browser_route_is_covered():
    covered = {case.name for case in CASES} | set(COVERED_ELSEWHERE)

    assert browser_route_names() == covered


def signed_in_browser(user, fields):
    browser = BrowserClient()
    browser.fetch_csrf_token()
    login = {fields.username: getattr(user, fields.username), "password": PASSWORD}
    assert browser.post(browser_url("login"), login, format="json").status_code == 200
    return browser


def send(client, url, case, user, fields):
    # As the database has it now: a login moved last_login, which links hash.
    user.refresh_from_db()
    body = case.body(user, fields) if case.body else None
    return getattr(client, case.method)(url, body, format="json")


def url_for(name, case, user, fields):
    return reverse(name, kwargs=case.kwargs(user, fields) if case.kwargs else None)


@pytest.fixture
def case_settings(djoser_settings):
    def apply(case):
        if case.settings:
            djoser_settings(**case.settings)

    return apply


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_both_clients_get_the_same_answer(
    case, case_settings, make_user, client_for, fields
):
    case_settings(case)
    app_user, browser_user = make_user(), make_user()

    app = send(
        client_for(app_user),
        url_for(case.name, case, app_user, fields),
        case,
        app_user,
        fields,
    )
    browser = send(
        signed_in_browser(browser_user, fields),
        url_for(f"browser:{case.name}", case, browser_user, fields),
        case,
        browser_user,
        fields,
    )

    assert app.status_code == case.status, app.content
    assert browser.status_code == case.status, browser.content
    if case.status < 300 and case.name not in {"user-list", "webauthn_signup_request"}:
        # Bodies alike, but for values each account or request makes its own.
        app_keys = set(app.data) if isinstance(app.data, dict) else None
        browser_keys = set(browser.data) if isinstance(browser.data, dict) else None
        assert app_keys == browser_keys


UNSAFE = [case for case in CASES if case.method in ("post", "put", "patch", "delete")]


@pytest.mark.parametrize("case", UNSAFE, ids=case_id)
def test_unsafe_requests_without_the_csrf_token_are_refused(
    case, case_settings, make_user, fields
):
    case_settings(case)
    user = make_user()
    browser = signed_in_browser(user, fields)
    browser.send_csrf_header = False
    password_before = user.password

    response = send(
        browser, url_for(f"browser:{case.name}", case, user, fields), case, user, fields
    )

    assert response.status_code == 403
    assert response.data["detail"].code == "csrf_failed"
    user.refresh_from_db()
    assert user.password == password_before
    assert browser.get(browser_url("user-me")).status_code == 200
