"""Reauthentication in the demo app: a change that needs a fresh proof opens
a dialog asking for what the account can give, and the change goes through
once it is given; cancelled, nothing changes and the user stays signed in."""

import pyotp
import pytest
from selenium.webdriver.common.by import By

from e2e.demo_page import DemoPage
from e2e.test_journey import PASSWORD, sign_up_and_activate
from e2e.test_mfa import log_in

NEW_PASSWORD = "a-new-Passw0rd-for-hana"


@pytest.fixture
def page(browser, live_demo, artifacts, request):
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    return DemoPage(browser, live_demo, screenshots)


def turn_on_two_factor(page):
    """Through the app; the recovery codes it shows."""
    page.open("/mfa")
    page.submit("mfa-start")
    page.fill("reauthenticate", current_password=PASSWORD)
    page.submit("reauthenticate")
    authenticator = pyotp.TOTP(page.wait("#mfa-secret").text)
    page.fill("mfa-confirm", code=authenticator.now())
    page.submit("mfa-confirm")
    page.notice("Two-factor sign-in is on.")
    return [
        item.text
        for item in page.driver.find_elements(By.CSS_SELECTOR, "#mfa-recovery-codes li")
    ]


def test_a_password_change_with_two_factor_asks_for_a_code(page):
    sign_up_and_activate(page, "hana", "hana@example.com")
    log_in(page, "hana")
    page.wait_for_heading("Your profile")
    codes = turn_on_two_factor(page)
    page.open("/logout")
    page.notice("You are logged out.")
    # A new login: its token has not been reauthenticated.
    log_in(page, "hana")
    page.wait_for_heading("Two-factor sign-in")
    page.fill("mfa-verify", code=codes[0])
    page.submit("mfa-verify")
    page.wait_for_heading("Your profile")

    page.open("/password")
    page.fill("set-password", current_password=PASSWORD, new_password=NEW_PASSWORD)
    page.submit("set-password")
    page.wait("#reauthenticate-dialog")
    # Two-factor sign-in is on: the password alone would not do.
    fields = page.driver.find_elements(By.CSS_SELECTOR, "#reauthenticate input")
    assert [field.get_attribute("name") for field in fields] == ["code"]
    page.screenshot("a-code-is-asked")
    page.wait("#reauthenticate-cancel").click()
    assert page.form_errors("set-password") == [
        "This change needs you to confirm it is you."
    ]
    assert page.who() == "Signed in (Token)"
    page.screenshot("cancelled-nothing-changed")

    page.submit("set-password")
    page.fill("reauthenticate", code="000000")
    page.submit("reauthenticate")
    assert page.field_errors("reauthenticate", "code") == ["Invalid code."]
    page.fill("reauthenticate", code=codes[1])
    page.submit("reauthenticate")
    page.notice("Password changed.")
    page.screenshot("password-changed-after-reauthenticating")
    assert page.driver.find_elements(By.ID, "reauthenticate-dialog") == []
    assert page.script_errors() == []
