"""A verified email change, clicked through the demo app and its outbox."""

import pytest
from selenium.webdriver.common.by import By

from e2e.demo_page import DemoPage
from e2e.test_journey import PASSWORD, sign_up_and_activate


@pytest.fixture
def page(browser, live_demo, artifacts, request):
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    return DemoPage(browser, live_demo, screenshots)


def log_in(page, username, password=PASSWORD):
    page.open("/login")
    page.fill("login", username=username, password=password)
    page.submit("login")
    page.wait_for_heading("Your profile")


def outbox_messages(page):
    """(subject, recipients line) of each message in the outbox, newest first."""
    page.open("/outbox")
    page.wait_for_heading("Outbox")
    return [
        (
            article.find_element(By.CSS_SELECTOR, "h2").text,
            article.find_element(By.CSS_SELECTOR, "p.muted").text,
        )
        for article in page.driver.find_elements(By.CSS_SELECTOR, "article.outbox")
    ]


def test_a_new_address_is_used_only_once_its_emailed_link_is_opened(page):
    sign_up_and_activate(page, "dorothy", "dorothy@example.com")
    log_in(page, "dorothy")

    page.open("/email")
    page.wait_for_heading("Change your email address")
    page.fill(
        "email-change", new_email="dorothy.vaughan@example.com", current_password="x"
    )
    page.submit("email-change")
    assert page.field_errors("email-change", "current_password") == [
        "Invalid password."
    ]
    page.fill("email-change", current_password=PASSWORD)
    page.submit("email-change")
    page.notice("A link is on its way to dorothy.vaughan@example.com")
    page.screenshot("link-requested")

    # Nothing changed yet.
    page.open("/profile")
    assert page.profile_value("email") == "dorothy@example.com"

    newest_subject, newest_recipients = outbox_messages(page)[0]
    assert newest_subject.startswith("Confirm your new email address on localhost")
    assert "dorothy.vaughan@example.com" in newest_recipients
    href = page.follow_newest_link("/email/confirm/", "outbox-with-the-link")
    assert href.startswith(page.base_url + "/#/email/confirm/")
    page.wait_for_heading("Confirm your new email address")
    page.submit("email-change-confirm")
    page.notice("Your email address is changed.")
    page.screenshot("address-changed")

    page.open("/profile")
    assert page.profile_value("email") == "dorothy.vaughan@example.com"

    # The old address was told, and the link does not work twice.
    newest_subject, newest_recipients = outbox_messages(page)[0]
    assert newest_subject.startswith("The email address of your account on localhost")
    assert "dorothy@example.com" in newest_recipients
    page.screenshot("old-address-told")
    page.driver.get(href)
    page.wait_for_heading("Confirm your new email address")
    page.submit("email-change-confirm")
    assert page.form_errors("email-change-confirm") == [
        "Token: Invalid token for given user."
    ]
    assert page.script_errors() == []


def test_the_old_address_takes_the_account_back_with_the_undo_link(page):
    sign_up_and_activate(page, "ida", "ida@example.com")
    log_in(page, "ida")
    page.open("/email")
    page.fill("email-change", new_email="intruder@example.com")
    page.fill("email-change", current_password=PASSWORD)
    page.submit("email-change")
    page.notice("A link is on its way to intruder@example.com")
    page.follow_newest_link("/email/confirm/", "outbox-with-the-confirm-link")
    page.submit("email-change-confirm")
    page.notice("Your email address is changed.")

    page.follow_newest_link("/email/undo/", "outbox-with-the-undo-link")
    page.wait_for_heading("Undo the change of your email address")
    page.submit("email-change-undo")
    page.notice("Your old address is back and everyone is signed out.")
    assert page.who() == "Not signed in"
    page.screenshot("change-undone")

    # The old password no longer works; the reset link sent to the old
    # address sets a new one.
    page.open("/login")
    page.fill("login", username="ida", password=PASSWORD)
    page.submit("login")
    assert page.form_errors("login") == ["Unable to log in with provided credentials."]
    newest_subject, newest_recipients = outbox_messages(page)[0]
    assert "ida@example.com" in newest_recipients
    page.follow_newest_link("/password/reset/confirm/", "outbox-with-the-reset-link")
    page.fill("reset-password-confirm", new_password="ida-new-Passw0rd")
    page.submit("reset-password-confirm")
    page.notice("Your password is changed.")
    log_in(page, "ida", "ida-new-Passw0rd")
    assert page.profile_value("email") == "ida@example.com"
    assert page.script_errors() == []
