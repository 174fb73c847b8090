"""System checks of the browser client (djoser.E951-E955, W955)."""

import pytest
from django.core import checks

from djoser.browser.authentication import CookieAuthentication
from tests.test_checks import urlconf


class CookieAuthenticationWithoutCSRF(CookieAuthentication):
    """The well-known mistake: a cookie authentication that skips CSRF."""

    def enforce_csrf(self, request):
        return


def check_ids(deploy=False):
    return {
        message.id
        for message in checks.run_checks(include_deployment_checks=deploy)
        if message.id.startswith("djoser.")
    }


def levels(deploy=True):
    return {
        message.id: message.level
        for message in checks.run_checks(include_deployment_checks=deploy)
        if message.id.startswith("djoser.")
    }


@pytest.fixture
def browser_settings(djoser_settings, settings):
    def apply(**changes):
        djoser_settings(BROWSER={**settings.DJOSER.get("BROWSER", {}), **changes})

    return apply


@pytest.fixture
def without_csrf_middleware(settings):
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("CsrfViewMiddleware")
    ]


@pytest.fixture
def cookie_authentication_without_csrf(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "rest_framework.authentication.TokenAuthentication",
            f"{__name__}.CookieAuthenticationWithoutCSRF",
        ],
    }


def test_the_test_projects_browser_client_passes_every_check():
    assert not {"djoser.E951", "djoser.E952", "djoser.E953"} & check_ids()
    assert not {"djoser.E954", "djoser.E955", "djoser.W955"} & check_ids(deploy=True)


def test_no_csrf_middleware_is_an_error(without_csrf_middleware):
    assert "djoser.E951" in check_ids()
    assert levels()["djoser.E951"] == checks.ERROR


def test_no_csrf_middleware_is_fine_without_the_browser_client(
    without_csrf_middleware, settings
):
    settings.ROOT_URLCONF = urlconf("djoser.urls", "djoser.urls.jwt")

    assert "djoser.E951" not in check_ids(deploy=True)


def test_cookies_without_secure_are_a_deploy_error(browser_settings):
    browser_settings(COOKIE_SECURE=False)

    assert "djoser.E954" not in check_ids()
    assert levels()["djoser.E954"] == checks.ERROR


def test_cookies_without_secure_are_fine_without_the_browser_client(
    browser_settings, settings
):
    browser_settings(COOKIE_SECURE=False)
    settings.ROOT_URLCONF = urlconf("djoser.urls")

    assert "djoser.E954" not in check_ids(deploy=True)


@pytest.mark.parametrize("value", ["lax", "Strict", "None", "LAX"])
def test_the_three_samesite_values_pass(browser_settings, value):
    browser_settings(COOKIE_SAMESITE=value)

    assert "djoser.E952" not in check_ids()


@pytest.mark.parametrize("value", ["Loose", "", None, False, 1])
def test_another_samesite_value_is_an_error(browser_settings, value):
    browser_settings(COOKIE_SAMESITE=value)

    assert "djoser.E952" in check_ids()


def test_samesite_none_without_secure_is_an_error(browser_settings):
    browser_settings(COOKIE_SAMESITE="None", COOKIE_SECURE=False)

    assert "djoser.E953" in check_ids()


def test_samesite_none_cookies_read_without_csrf_are_a_deploy_error(
    browser_settings, cookie_authentication_without_csrf
):
    browser_settings(COOKIE_SAMESITE="None")

    assert levels()["djoser.E955"] == checks.ERROR
    assert "djoser.W955" not in check_ids(deploy=True)


def test_lax_cookies_read_without_csrf_are_a_deploy_warning(
    cookie_authentication_without_csrf,
):
    assert levels()["djoser.W955"] == checks.WARNING
    assert "djoser.E955" not in check_ids(deploy=True)


def test_samesite_none_with_csrf_is_fine(browser_settings):
    browser_settings(COOKIE_SAMESITE="None")

    assert not {"djoser.E953", "djoser.E955"} & check_ids(deploy=True)
