"""Passkey signup, login and management in Chromium, on a virtual authenticator.

Chromium's WebAuthn domain (through chromedriver's virtual authenticator
commands) stands in for a platform authenticator: see
``DemoPage.use_new_authenticator``.
"""

import pytest
from selenium.webdriver.common.by import By

from e2e.demo_page import DemoPage, assert_no_credential_in_the_page


@pytest.fixture
def page(browser, live_demo, artifacts, request):
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    page = DemoPage(browser, live_demo, screenshots)
    page.use_new_authenticator()
    return page


def passkey_names(page):
    page.wait("#passkey-list")
    return [
        item.text
        for item in page.driver.find_elements(
            By.CSS_SELECTOR, "#passkey-list .passkey-name"
        )
    ]


def log_in_with_passkey(page, username=""):
    page.open("/passkey/login")
    page.fill("passkey-login", username=username)
    page.submit("passkey-login")


def test_sign_up_log_in_and_manage_passkeys(page):
    driver = page.driver
    page.open("/passkey/register")
    page.wait_for_heading("Sign up with a passkey")
    page.fill(
        "passkey-register",
        username="mae",
        display_name="Mae Jemison",
        email="not-an-address",
        name="Phone",
    )
    page.submit("passkey-register")
    assert page.field_errors("passkey-register", "email") == [
        "Enter a valid email address."
    ]
    # The address was checked before the authenticator was asked for a passkey.
    assert driver.get_credentials() == []
    page.screenshot("signup-error-next-to-its-field")

    page.fill("passkey-register", email="mae@example.com")
    page.submit("passkey-register")
    page.notice("Open the activation link sent to mae@example.com")
    [credential] = driver.get_credentials()
    assert credential.is_resident_credential
    assert credential.rp_id == "localhost"
    page.screenshot("signed-up-with-a-passkey")

    # Not active yet: the API refuses the login, and the app says why.
    log_in_with_passkey(page, "mae")
    assert page.form_errors("passkey-login") == ["User account is disabled."]
    page.screenshot("inactive-account-cannot-log-in")

    page.follow_newest_link("/activate/", "outbox-activation-email")
    page.submit("activate")
    page.notice("Your account is active.")
    page.screenshot("activated")

    log_in_with_passkey(page, "mae")
    page.wait_for_heading("Your profile")
    assert page.profile_value("username") == "mae"
    assert page.profile_value("email") == "mae@example.com"
    assert page.who() == "Signed in (Token)"
    assert_no_credential_in_the_page(page)
    page.screenshot("logged-in-with-a-passkey-by-username")

    page.open("/passkeys")
    assert passkey_names(page) == ["Phone"]
    page.screenshot("passkeys-listed")

    # Adding a passkey needs a fresh reauthentication: this account has no
    # password, so the app asks for its passkey.
    page.fill("passkey-add", name="Phone again")
    page.submit("passkey-add")
    page.wait("#reauthenticate-dialog")
    assert driver.find_elements(By.CSS_SELECTOR, "#reauthenticate input") == []
    page.screenshot("reauthentication-with-a-passkey-asked")
    page.submit("reauthenticate-passkey")
    # This authenticator already holds the account's passkey: it makes no other.
    assert page.form_errors("passkey-add") == [
        "This authenticator already holds a passkey for this account."
    ]
    assert len(driver.get_credentials()) == 1
    page.screenshot("second-passkey-on-one-authenticator-refused")

    # A second device: the phone is lost, a laptop takes its place.
    page.use_new_authenticator()
    page.fill("passkey-add", name="Laptop")
    page.submit("passkey-add")
    page.notice('Passkey "Laptop" added.')
    assert passkey_names(page) == ["Phone", "Laptop"]
    assert len(driver.get_credentials()) == 1
    page.screenshot("passkey-added-on-a-second-authenticator")

    phone = driver.find_element(By.XPATH, "//li[.//strong[text()='Phone']]")
    phone.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    page.notice('Passkey "Phone" deleted.')
    assert passkey_names(page) == ["Laptop"]
    page.screenshot("lost-passkey-deleted")

    # The account has no password: its last passkey is its only way in.
    page.wait("#passkey-list button[type=submit]").click()
    assert page.form_errors("passkey-list form") == [
        "This is the only way to log in to the account: set a password or add "
        "another passkey before deleting it."
    ]
    assert passkey_names(page) == ["Laptop"]
    page.screenshot("last-passkey-cannot-be-deleted")

    page.open("/logout")
    page.notice("You are logged out.")
    assert page.who() == "Not signed in"
    page.screenshot("logged-out")

    # No username: the browser offers the passkey the laptop holds for the site.
    log_in_with_passkey(page)
    page.wait_for_heading("Your profile")
    assert page.profile_value("username") == "mae"
    page.screenshot("logged-in-with-a-passkey-without-username")

    page.open("/passkeys")
    page.wait_for_text("#passkey-list", "last used")
    page.screenshot("passkey-use-recorded")
    assert page.script_errors() == []


def test_passkey_pages_send_other_hosts_to_the_relying_party_host(page):
    other_host = page.base_url.replace("//localhost:", "//127.0.0.1:")
    page.driver.get(f"{other_host}/#/passkey/login")
    page.wait_for_heading("Log in with a passkey")

    hint = page.wait(".notice.error a")

    assert hint.get_attribute("href") == f"{page.base_url}/#/passkey/login"
    page.screenshot("passkeys-work-on-localhost-only")
    hint.click()
    page.wait_for_heading("Log in with a passkey")
    assert page.driver.current_url == f"{page.base_url}/#/passkey/login"
    assert page.driver.find_elements(By.CSS_SELECTOR, ".notice.error") == []
    assert page.script_errors() == []
