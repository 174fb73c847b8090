"""Sign in with an emailed code in the demo app: ask, read it in the outbox,
type it in; a wrong code is refused under its field first."""

import re

import pytest
from selenium.webdriver.common.by import By

from e2e.demo_page import DemoPage
from e2e.test_journey import sign_up_and_activate

CODE = re.compile(r"([A-Z2-9]{4}-[A-Z2-9]{4})")


@pytest.fixture
def page(browser, live_demo, artifacts, request):
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    return DemoPage(browser, live_demo, screenshots)


def newest_code(page, address):
    """The code in the newest sign-in message to ``address``, read in the outbox."""
    page.open("/outbox")
    page.wait("article.outbox")
    for article in page.driver.find_elements(By.CSS_SELECTOR, "article.outbox"):
        subject = article.find_element(By.CSS_SELECTOR, "h2").text
        recipients = article.find_element(By.CSS_SELECTOR, "p.muted").text
        if "sign-in code" in subject and address in recipients:
            return CODE.search(subject).group(1)
    raise AssertionError(f"no sign-in code for {address} in the outbox")


def test_sign_in_with_an_emailed_code(page):
    sign_up_and_activate(page, "gwen", "gwen@example.com")

    page.open("/login")
    page.wait(".muted a[href='#/login/email-code']").click()
    page.wait_for_heading("Sign in with an emailed code")
    page.fill("login-code-request", email="gwen@example.com")
    page.submit("login-code-request")
    page.wait_for_heading("Type the code")
    page.screenshot("code-asked-for")

    code = newest_code(page, "gwen@example.com")
    page.screenshot("code-in-the-outbox")
    page.open("/login/email-code/confirm")
    page.fill(
        "login-code-confirm", code="AAAA-AAAA" if code != "AAAA-AAAA" else "BBBB-BBBB"
    )
    page.submit("login-code-confirm")
    assert page.field_errors("login-code-confirm", "code") == [
        "This code is not right."
    ]

    page.fill("login-code-confirm", code=code.lower())
    page.submit("login-code-confirm")
    page.wait_for_heading("Your profile")
    assert page.who() == "Signed in (Token)"
    page.screenshot("signed-in-by-code")
    assert page.script_errors() == []


def test_an_unknown_address_sees_the_same_next_page(page):
    page.open("/login/email-code")
    page.fill("login-code-request", email="nobody@example.com")
    page.submit("login-code-request")
    page.wait_for_heading("Type the code")
    assert page.script_errors() == []
