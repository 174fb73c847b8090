"""Two-factor sign-in in the demo app: enrol an authenticator, then log in
with a code and with a recovery code. The codes are computed, as an
authenticator app would, from the secret the page shows."""

import time

import pyotp
import pytest
from selenium.webdriver.common.by import By

from e2e.demo_page import DemoPage, assert_no_credential_in_the_page
from e2e.test_journey import PASSWORD, sign_up_and_activate


@pytest.fixture
def page(browser, live_demo, artifacts, request):
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    return DemoPage(browser, live_demo, screenshots)


def log_in(page, username, scheme="Token"):
    page.open("/login")
    page.fill("login", username=username, password=PASSWORD)
    page.choose("login", "scheme", scheme)
    page.submit("login")


def test_enrol_an_authenticator_then_log_in_with_a_code_and_a_recovery_code(page):
    sign_up_and_activate(page, "katherine", "katherine@example.com")
    log_in(page, "katherine")
    page.wait_for_heading("Your profile")

    page.open("/mfa")
    page.submit("mfa-start")
    # The secret is shown only to a fresh reauthentication: the app asks.
    page.wait("#reauthenticate-dialog")
    page.screenshot("reauthentication-asked")
    page.fill("reauthenticate", current_password=PASSWORD)
    page.submit("reauthenticate")
    secret = page.wait("#mfa-secret").text
    qr_code = page.wait("#mfa-qr")
    assert page.driver.execute_script("return arguments[0].naturalWidth", qr_code) > 0
    page.screenshot("qr-code-and-secret")
    authenticator = pyotp.TOTP(secret)

    page.fill("mfa-confirm", code="000000" if authenticator.now() != "000000" else "1")
    page.submit("mfa-confirm")
    assert page.field_errors("mfa-confirm", "code") == ["Invalid code."]
    enrolment_code = authenticator.now()
    page.fill("mfa-confirm", code=enrolment_code)
    page.submit("mfa-confirm")
    page.notice("Two-factor sign-in is on.")
    codes = [
        item.text
        for item in page.driver.find_elements(By.CSS_SELECTOR, "#mfa-recovery-codes li")
    ]
    assert len(codes) == 10
    page.screenshot("recovery-codes")
    page.open("/logout")
    page.notice("You are logged out.")

    # The password alone is not enough any more.
    log_in(page, "katherine")
    page.wait_for_heading("Two-factor sign-in")
    assert page.who() == "Not signed in"
    # The half-done login waits in an HttpOnly cookie, not in the page.
    mfa_cookie = page.driver.execute_script("return document.cookie;")
    assert "mfa_token" not in mfa_cookie
    page.screenshot("second-step")
    # The code that turned two-factor sign-in on works no more, and the
    # page says why; the next one does.
    page.fill("mfa-verify", code=enrolment_code)
    page.submit("mfa-verify")
    assert page.field_errors("mfa-verify", "code") == [
        "This code was already used; wait for the next one."
    ]
    page.screenshot("code-already-used")
    page.fill("mfa-verify", code=authenticator.at(time.time(), counter_offset=1))
    page.submit("mfa-verify")
    page.wait_for_heading("Your profile")
    assert page.who() == "Signed in (Token)"
    page.open("/logout")
    page.notice("You are logged out.")

    log_in(page, "katherine", scheme="JWT")
    page.wait_for_heading("Two-factor sign-in")
    page.fill("mfa-verify", code=codes[0])
    page.submit("mfa-verify")
    page.wait_for_heading("Your profile")
    assert page.who() == "Signed in (JWT)"
    assert_no_credential_in_the_page(page)
    page.screenshot("logged-in-with-a-recovery-code")

    page.open("/mfa")
    page.notice("Recovery codes left: 9.")
    assert page.script_errors() == []
