"""The whole account journey, clicked through the demo app in Chromium."""

import pytest
from selenium.webdriver.common.by import By

from e2e.demo_page import DemoPage, assert_no_credential_in_the_page
from e2e.server import running_demo

PASSWORD = "first-Passw0rd"
NEW_PASSWORD = "second-Passw0rd"


@pytest.fixture
def page(browser, live_demo, artifacts, request):
    """The demo in the browser; screenshots go to a folder named for the test."""
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    return DemoPage(browser, live_demo, screenshots)


def sign_up_and_activate(page, username, email):
    page.open("/register")
    page.fill("register", username=username, email=email, password=PASSWORD)
    page.submit("register")
    page.notice("Account created.")
    page.follow_newest_link("/activate/", f"outbox-activation-of-{username}")
    page.submit("activate")
    page.notice("Your account is active.")


def test_register_activate_edit_reset_and_delete_an_account(page):
    page.open("/register")
    # The rule comes from GET auth/config/ (AUTH_PASSWORD_VALIDATORS).
    rule = page.wait_for_text("#password-rule", "at least")
    assert rule == "Passwords need at least 8 characters."
    page.fill("register", username="ada", email="not-an-address", password=PASSWORD)
    page.submit("register")
    assert page.field_errors("register", "email") == ["Enter a valid email address."]
    page.screenshot("register-error-next-to-its-field")

    page.fill("register", email="ada@example.com")
    page.submit("register")
    page.notice("Open the activation link sent to ada@example.com")
    page.screenshot("registered")

    # Not active yet: the API refuses the login.
    page.open("/login")
    page.fill("login", username="ada", password=PASSWORD)
    page.submit("login")
    assert page.form_errors("login") == ["Unable to log in with provided credentials."]

    href = page.follow_newest_link("/activate/", "outbox-activation-email")
    assert href.startswith(page.base_url + "/#/activate/")
    page.wait_for_heading("Activate your account")
    page.submit("activate")
    page.notice("Your account is active.")
    page.screenshot("activated")

    page.open("/login")
    page.fill("login", username="ada", password=PASSWORD)
    page.submit("login")
    page.wait_for_heading("Your profile")
    assert page.profile_value("username") == "ada"
    assert page.who() == "Signed in (Token)"
    assert_no_credential_in_the_page(page)
    page.screenshot("logged-in-with-token")

    # The profile edits the other fields; the address changes only through
    # the verified change (e2e/test_email_change.py), which it links to.
    assert page.profile_value("email") == "ada@example.com"
    assert not page.driver.find_elements(
        By.CSS_SELECTOR, "form .field[data-name='email']"
    )
    page.driver.find_element(By.ID, "change-email-link").click()
    page.wait_for_heading("Change your email address")
    page.screenshot("the-profile-links-the-verified-email-change")

    page.open("/password")
    page.fill("set-password", current_password="wrong", new_password=NEW_PASSWORD)
    page.submit("set-password")
    assert page.field_errors("set-password", "current_password") == [
        "Invalid password."
    ]
    page.screenshot("password-change-error-next-to-its-field")
    page.fill("set-password", current_password=PASSWORD)
    page.submit("set-password")
    page.notice("Password changed.")
    page.screenshot("password-changed")

    page.open("/logout")
    page.notice("You are logged out.")
    assert page.who() == "Not signed in"
    page.screenshot("logged-out")

    # Forgot the new password: reset it through the emailed link.
    page.open("/password/reset")
    page.fill("reset-password", email="ada@example.com")
    page.submit("reset-password")
    page.notice("a link to reset its password is on its way")
    page.screenshot("password-reset-requested")
    page.follow_newest_link("/password/reset/confirm/", "outbox-password-reset-email")
    page.wait_for_heading("Choose a new password")
    page.fill("reset-password-confirm", new_password="third-Passw0rd")
    page.submit("reset-password-confirm")
    page.notice("Your password is changed.")
    page.screenshot("password-reset")

    page.open("/login")
    page.fill("login", username="ada", password=NEW_PASSWORD)
    page.submit("login")
    assert page.form_errors("login") == ["Unable to log in with provided credentials."]
    page.fill("login", password="third-Passw0rd")
    page.choose("login", "scheme", "JWT")
    page.submit("login")
    page.wait_for_heading("Your profile")
    assert page.who() == "Signed in (JWT)"
    page.screenshot("logged-in-with-jwt")

    # The credentials are HttpOnly cookies: the page holds none of them.
    assert_no_credential_in_the_page(page)
    # An expired access cookie (gone) is traded for a new one with the
    # refresh cookie, which the page never sees either.
    old_access = page.driver.get_cookie("access_token")["value"]
    page.driver.delete_cookie("access_token")
    page.driver.refresh()
    assert page.profile_value("username") == "ada"
    new_access = page.driver.get_cookie("access_token")
    assert new_access["httpOnly"] is True
    assert new_access["value"].count(".") == 2
    assert new_access["value"] != old_access
    page.screenshot("access-token-refreshed")

    page.open("/delete")
    page.fill("delete-account", current_password="third-Passw0rd")
    page.submit("delete-account")
    page.notice("Your account is gone.")
    assert page.who() == "Not signed in"
    page.screenshot("account-deleted")

    page.open("/login")
    page.fill("login", username="ada", password="third-Passw0rd")
    page.submit("login")
    assert page.form_errors("login") == ["Unable to log in with provided credentials."]
    page.screenshot("deleted-account-cannot-log-in")
    assert page.script_errors() == []


def test_reset_a_forgotten_username_then_change_it(page):
    sign_up_and_activate(page, "grace", "grace@example.com")

    page.open("/username/reset")
    page.fill("reset-username", email="grace@example.com")
    page.submit("reset-username")
    page.notice("a link to reset its username is on its way")
    page.follow_newest_link("/username/reset/confirm/", "outbox-username-reset-email")
    page.wait_for_heading("Choose a new username")
    page.fill("reset-username-confirm", new_username="admiral")
    page.submit("reset-username-confirm")
    page.notice("Your username is changed.")
    page.screenshot("username-reset")

    page.open("/login")
    page.fill("login", username="admiral", password=PASSWORD)
    page.submit("login")
    assert page.profile_value("username") == "admiral"
    page.screenshot("logged-in-with-new-username")

    page.open("/username")
    page.fill("set-username", current_password=PASSWORD, new_username="rear admiral")
    page.submit("set-username")
    [error] = page.field_errors("set-username", "new_username")
    assert error.startswith("Enter a valid username.")
    page.fill("set-username", new_username="rear-admiral")
    page.submit("set-username")
    page.notice("Your username is now rear-admiral.")
    page.open("/profile")
    assert page.profile_value("username") == "rear-admiral"
    page.screenshot("username-changed")
    assert page.script_errors() == []


@pytest.mark.parametrize(
    ("user_model", "sign_up", "login"),
    [
        ("testapp.EmailUser", {"email": "lin@example.com"}, "email"),
        (
            "testapp.CustomUser",
            {
                "custom_username": "lin",
                "custom_email": "lin@example.com",
                "custom_required_field": "needed",
            },
            "custom_username",
        ),
    ],
)
def test_the_forms_follow_the_user_model(
    browser, artifacts, tmp_path, request, user_model, sign_up, login
):
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    with running_demo(tmp_path, user_model) as base_url:
        page = DemoPage(browser, base_url, screenshots)
        page.open("/register")
        page.fill("register", password=PASSWORD, **sign_up)
        page.submit("register")
        page.notice("Open the activation link sent to lin@example.com")
        page.screenshot("registered")
        page.follow_newest_link("/activate/", "outbox-activation-email")
        page.submit("activate")
        page.notice("Your account is active.")

        page.open("/login")
        page.fill("login", password=PASSWORD, **{login: sign_up[login]})
        page.submit("login")
        for name, value in sign_up.items():
            assert page.profile_value(name) == value
        page.screenshot("logged-in")
        page.open("/logout")
        page.notice("You are logged out.")

        # The passkey signup asks for the same fields, but for a password.
        page.use_new_authenticator()
        passkey_sign_up = {
            name: value.replace("lin", "kim") for name, value in sign_up.items()
        }
        page.open("/passkey/register")
        page.fill("passkey-register", **passkey_sign_up)
        page.submit("passkey-register")
        page.notice("Open the activation link sent to kim@example.com")
        page.screenshot("signed-up-with-a-passkey")
        page.follow_newest_link("/activate/", "outbox-passkey-activation-email")
        page.submit("activate")
        page.notice("Your account is active.")

        page.open("/passkey/login")
        page.submit("passkey-login")
        for name, value in passkey_sign_up.items():
            assert page.profile_value(name) == value
        page.screenshot("logged-in-with-a-passkey")
        assert page.script_errors() == []
