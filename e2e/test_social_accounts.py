"""Connected accounts in the demo app: link a provider account with an ID
token from a provider the suite serves on 127.0.0.1, see it listed, and
disconnect it.

The demo server is started for this module with the generic OpenID Connect
backend pointed at that provider (``DJOSER_OIDC_ENDPOINT``), so it checks
the token against the provider's discovery document and published keys.
"""

import time

import pytest
from selenium.webdriver.common.by import By

from e2e.demo_page import DemoPage
from e2e.server import running_demo
from e2e.test_journey import PASSWORD, sign_up_and_activate
from tests.social.provider import CLIENT_ID, CLIENT_SECRET, serve


@pytest.fixture(scope="module")
def identity_provider():
    provider, stop = serve()
    yield provider
    stop()


@pytest.fixture(scope="module")
def demo_with_provider(identity_provider, tmp_path_factory):
    environment = {
        "DJOSER_OIDC_ENDPOINT": identity_provider.issuer,
        "DJOSER_OIDC_CLIENT_ID": CLIENT_ID,
        "DJOSER_OIDC_CLIENT_SECRET": CLIENT_SECRET,
    }
    directory = tmp_path_factory.mktemp("social-demo")
    with running_demo(directory, environment=environment) as base_url:
        yield base_url


@pytest.fixture
def page(browser, demo_with_provider, artifacts, request):
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    return DemoPage(browser, demo_with_provider, screenshots)


def id_token(provider, subject):
    """What a phone's sign-in SDK would hand the app."""
    now = int(time.time())
    return provider.sign(
        {
            "iss": provider.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 600,
            "sub": subject,
            "email": f"{subject}@example.com",
            "email_verified": True,
        }
    )


def linked(page):
    return [
        (
            item.find_element(By.CSS_SELECTOR, ".social-provider").text,
            item.find_element(By.CSS_SELECTOR, ".social-uid").text,
        )
        for item in page.driver.find_elements(
            By.CSS_SELECTOR, "#social-account-list li"
        )
    ]


def test_connect_a_provider_account_then_disconnect_it(page, identity_provider):
    sign_up_and_activate(page, "grace-social", "grace-social@example.com")
    page.open("/login")
    page.fill("login", username="grace-social", password=PASSWORD)
    page.submit("login")
    page.wait_for_heading("Your profile")

    page.open("/social")
    page.wait_for_heading("Connected accounts")
    page.wait("#social-account-list-empty")
    page.screenshot("nothing-linked")

    token = id_token(identity_provider, "grace-at-the-provider")
    page.fill("social-connect", provider="oidc", id_token=token, current_password="no")
    page.submit("social-connect")
    assert page.field_errors("social-connect", "current_password") == [
        "Invalid password."
    ]

    page.fill("social-connect", current_password=PASSWORD)
    page.submit("social-connect")
    page.notice("Connected oidc.")
    assert linked(page) == [("oidc", "grace-at-the-provider")]
    page.screenshot("linked")

    (item,) = page.driver.find_elements(By.CSS_SELECTOR, "#social-account-list li")
    item.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    page.notice("Disconnected oidc.")
    page.wait("#social-account-list-empty")
    page.screenshot("disconnected")
    assert page.script_errors() == []
