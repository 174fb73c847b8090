"""The demo app's "this was not me" page: two-factor sign-in turned on with
a stolen password is turned off again from the link in its notice, and the
owner signs in with a new password and no code."""

import pyotp
import pytest

from e2e.demo_page import DemoPage
from e2e.test_journey import PASSWORD, sign_up_and_activate
from e2e.test_mfa import log_in


@pytest.fixture
def page(browser, live_demo, artifacts, request):
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    return DemoPage(browser, live_demo, screenshots)


def test_the_owner_takes_the_account_back_with_the_not_me_link(page):
    sign_up_and_activate(page, "lucia", "lucia@example.com")
    # The thief, with the password alone, turns two-factor sign-in on.
    log_in(page, "lucia")
    page.wait_for_heading("Your profile")
    page.open("/mfa")
    page.submit("mfa-start")
    page.wait("#reauthenticate-dialog")
    page.fill("reauthenticate", current_password=PASSWORD)
    page.submit("reauthenticate")
    secret = page.wait("#mfa-secret").text
    page.fill("mfa-confirm", code=pyotp.TOTP(secret).now())
    page.submit("mfa-confirm")
    page.notice("Two-factor sign-in is on.")

    # The owner opens the link in the notice.
    page.follow_newest_link("/not-me/", "outbox-with-the-not-me-link")
    page.wait_for_heading("This was not me")
    page.screenshot("not-me-page")
    page.submit("not-me")
    page.notice("It is removed and everyone is signed out.")
    assert page.who() == "Not signed in"
    page.screenshot("account-secured")

    # The password the thief knew works no more; the emailed reset link
    # sets a new one, and the login asks for no code.
    page.open("/login")
    page.fill("login", username="lucia", password=PASSWORD)
    page.submit("login")
    assert page.form_errors("login") == ["Unable to log in with provided credentials."]
    page.follow_newest_link("/password/reset/confirm/", "outbox-with-the-reset-link")
    page.fill("reset-password-confirm", new_password="lucia-new-Passw0rd")
    page.submit("reset-password-confirm")
    page.notice("Your password is changed.")
    page.open("/login")
    page.fill("login", username="lucia", password="lucia-new-Passw0rd")
    page.submit("login")
    page.wait_for_heading("Your profile")
    assert page.who() != "Not signed in"
    assert page.script_errors() == []
