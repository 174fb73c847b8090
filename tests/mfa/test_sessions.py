"""Session logins of accounts with two-factor sign-in: the admin asks for the
code, and a session made with the password alone authenticates nothing."""

import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client
from django.urls import path, reverse

from djoser.mfa import totp
from djoser.mfa.checks import check_admin_login, check_session_middleware
from djoser.mfa.forms import (
    SecondStepAdminAuthenticationForm,
    SecondStepAuthenticationForm,
)
from djoser.mfa.models import has_mfa, turn_off
from djoser.mfa.sessions import SESSION_KEY
from tests.conftest import PASSWORD
from tests.mfa.conftest import enrol, start_login, verify

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def staff(make_user):
    return make_user(is_staff=True, is_superuser=True)


@pytest.fixture
def browser():
    return Client()


def admin_login(browser, fields, user, **extra):
    body = {"username": getattr(user, fields.username), "password": PASSWORD, **extra}
    return browser.post(ADMIN_LOGIN, {**body, "next": "/admin/"})


def session_can_act(browser):
    """Whether the browser's session is a signed-in user to the API."""
    return browser.get(reverse("user-me")).status_code == 200


def test_admin_login_page_asks_for_the_code(browser):
    response = browser.get(ADMIN_LOGIN)

    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_staff_with_mfa_and_the_password_alone_gets_no_usable_session(
    browser, fields, staff
):
    enrol(staff)

    response = admin_login(browser, fields, staff)

    assert response.status_code == 200  # the form again, with its error
    assert "authenticator app" in response.content.decode()
    assert browser.get(reverse("user-me")).status_code in (401, 403)
    refused = browser.delete(
        reverse("mfa-totp"),
        {"current_password": PASSWORD},
        content_type="application/json",
    )
    assert refused.status_code in (401, 403)
    assert has_mfa(staff)
    assert browser.get("/admin/").status_code == 302


def test_staff_with_mfa_and_the_code_is_signed_in(browser, fields, staff):
    enrolled = enrol(staff)

    response = admin_login(browser, fields, staff, code=enrolled.code())

    assert response.status_code == 302
    assert browser.get("/admin/").status_code == 200
    assert session_can_act(browser)


def test_admin_login_takes_a_recovery_code_once_and_tells_the_owner(
    browser, fields, staff
):
    enrolled = enrol(staff)
    code = enrolled.recovery_codes[0]

    assert admin_login(browser, fields, staff, code=code).status_code == 302
    assert len(mail.outbox) == 1
    again = admin_login(Client(), fields, staff, code=code)
    assert again.status_code == 200


def test_admin_login_with_a_wrong_code_is_refused(browser, fields, staff):
    enrol(staff)

    response = admin_login(browser, fields, staff, code="000000")

    assert response.status_code == 200
    assert not session_can_act(browser)


def test_wrong_admin_codes_count_against_the_mfa_verify_limit(
    browser, fields, staff, djoser_settings
):
    djoser_settings(THROTTLE_RATES={"mfa_verify": "2/hour"})
    enrolled = enrol(staff)
    for _ in range(2):
        admin_login(browser, fields, staff, code="000000")

    response = admin_login(browser, fields, staff, code=enrolled.code())

    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()
    assert not session_can_act(browser)


def test_staff_without_mfa_signs_in_with_the_password_by_default(
    browser, fields, staff
):
    assert admin_login(browser, fields, staff).status_code == 302
    assert browser.get("/admin/").status_code == 200


def test_staff_without_mfa_is_refused_when_mfa_is_required(
    browser, fields, staff, djoser_settings
):
    djoser_settings(MFA={"REQUIRED_FOR_STAFF": True})

    response = admin_login(browser, fields, staff)

    assert response.status_code == 200
    assert "turn it on first" in response.content.decode()
    assert browser.get("/admin/").status_code == 302


def test_a_password_only_session_of_an_account_with_mfa_authenticates_nothing(
    browser, user
):
    # A session login that knows nothing of the second step (the browsable
    # API's login, a project's own view): Client.login is Django's login().
    enrol(user)
    assert browser.login(username=user.get_username(), password=PASSWORD)

    assert browser.get(reverse("user-me")).status_code in (401, 403)


def test_a_session_of_an_account_without_mfa_works(browser, user):
    browser.force_login(user)

    assert session_can_act(browser)


def test_session_made_by_the_api_login_counts_after_the_second_step(
    api_client, fields, user, djoser_settings
):
    djoser_settings(CREATE_SESSION_ON_LOGIN=True)
    enrolled = enrol(user)
    mfa_token = start_login(api_client, fields, user).data["mfa_token"]

    assert verify(api_client, mfa_token, enrolled.code()).status_code == 200

    assert api_client.session[SESSION_KEY]
    api_client.credentials()
    assert api_client.get(reverse("user-me")).status_code == 200


def test_turning_mfa_on_in_a_session_keeps_that_session_and_ends_the_others(
    fields, user
):
    kept, other = Client(), Client()
    kept.force_login(user)
    other.force_login(user)
    proof = {"current_password": PASSWORD}
    reauthenticated = kept.post(
        reverse("reauthenticate"), proof, content_type="application/json"
    )
    assert reauthenticated.status_code == 200
    secret = kept.get(reverse("mfa-totp")).json()["secret"]

    response = kept.post(
        reverse("mfa-totp"),
        {"code": totp.code_at(secret)},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert session_can_act(kept)
    assert not session_can_act(other)


def test_check_warns_without_the_middleware(settings):
    settings.MIDDLEWARE = [
        entry for entry in settings.MIDDLEWARE if "djoser.mfa" not in entry
    ]

    assert [item.id for item in check_session_middleware()] == ["djoser.W511"]


def test_check_warns_when_the_middleware_comes_before_authentication(settings):
    settings.MIDDLEWARE = [
        "djoser.mfa.middleware.SecondStepSessionMiddleware",
        *[entry for entry in settings.MIDDLEWARE if "djoser.mfa" not in entry],
    ]

    assert [item.id for item in check_session_middleware()] == ["djoser.W511"]


def test_check_passes_with_the_testproject_settings():
    assert check_session_middleware() == check_admin_login() == []


plain_site = admin.AdminSite(name="plain")
urlpatterns = [path("plain-admin/", plain_site.urls)]


def test_check_names_an_admin_mounted_with_the_password_only_login(settings):
    settings.ROOT_URLCONF = __name__

    warnings = check_admin_login()

    assert [item.id for item in warnings] == ["djoser.W512"]
    assert "'plain'" in warnings[0].msg


def test_checks_are_silent_without_the_app(settings):
    settings.INSTALLED_APPS = [
        app for app in settings.INSTALLED_APPS if app != "djoser.mfa"
    ]
    settings.ROOT_URLCONF = __name__
    settings.MIDDLEWARE = []

    assert check_admin_login() == check_session_middleware() == []


@pytest.mark.parametrize(
    "code", ["\x00", "1" * 65, "１２３４５６", "١٢٣٤٥٦", "12345\n6", "' OR 1=1 --"]
)
def test_admin_login_refuses_malformed_codes_without_an_error_page(
    browser, fields, staff, code
):
    enrol(staff)

    response = admin_login(browser, fields, staff, code=code)

    assert response.status_code == 200
    assert not session_can_act(browser)


def test_a_password_only_session_stays_anonymous_after_mfa_is_turned_off(browser, user):
    enrol(user)
    assert browser.login(username=user.get_username(), password=PASSWORD)

    turn_off(user)

    assert browser.get(reverse("user-me")).status_code in (401, 403)


def test_the_plain_login_form_asks_the_code_of_an_account_with_mfa(rf, user):
    enrolled = enrol(user)
    request = rf.post("/login/")
    credentials = {"username": user.get_username(), "password": PASSWORD}

    without_code = SecondStepAuthenticationForm(request, data=credentials)
    with_code = SecondStepAuthenticationForm(
        request, data={**credentials, "code": enrolled.code()}
    )

    assert not without_code.is_valid()
    assert without_code.non_field_errors().as_data()[0].code == "code_required"
    assert with_code.is_valid(), with_code.errors
    assert with_code.get_user() == user


def test_the_plain_login_form_needs_no_code_without_mfa(rf, user):
    data = {"username": user.get_username(), "password": PASSWORD}
    form = SecondStepAuthenticationForm(rf.post("/login/"), data=data)

    assert form.is_valid(), form.errors


def test_djoser_mfa_gives_the_default_admin_site_the_login_with_the_code():
    assert admin.site.login_form is SecondStepAdminAuthenticationForm
    assert admin.site.login_template == "djoser_mfa/admin_login.html"
