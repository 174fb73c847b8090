"""Signed-in devices in the demo app (djoser.sessions): the page lists every
login of the account, ends one, and ends all the others given the password.
The other device is an HTTP client beside the browser."""

import json
import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from e2e.demo_page import DemoPage
from e2e.test_journey import PASSWORD, sign_up_and_activate


@pytest.fixture
def page(browser, live_demo, artifacts, request):
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    return DemoPage(browser, live_demo, screenshots)


def api(base_url, path, body=None, access=None, user_agent="Phone app/2.0"):
    headers = {"Content-Type": "application/json", "User-Agent": user_agent}
    if access:
        headers["Authorization"] = f"Bearer {access}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base_url}{path}", data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


def phone_login(base_url, username):
    status, pair = api(
        base_url,
        "/auth/jwt/create/",
        {"username": username, "password": PASSWORD, "device_name": "Ivy's phone"},
    )
    assert status == 200
    return pair


def listed_devices(page):
    page.wait("#session-list")
    return [
        item.text
        for item in page.driver.find_elements(
            By.CSS_SELECTOR, "#session-list .session-device"
        )
    ]


def test_see_the_signed_in_devices_and_log_them_out(page, live_demo):
    sign_up_and_activate(page, "ivy", "ivy@example.com")
    page.open("/login")
    page.fill("login", username="ivy", password=PASSWORD)
    page.choose("login", "scheme", "JWT")
    page.submit("login")
    page.wait_for_heading("Your profile")
    phone = phone_login(live_demo, "ivy")

    page.open("/sessions")
    page.wait_for_heading("Signed-in devices")
    assert "Ivy's phone" in listed_devices(page)
    assert len(listed_devices(page)) == 2
    current = page.wait("#session-list li.current .session-current").text
    assert current == "(this device)"
    page.screenshot("two-devices")

    # End the phone's session: its access token stops working at once.
    phone_item = page.driver.find_element(
        By.XPATH, '//li[.//strong[text()="Ivy\'s phone"]]'
    )
    phone_item.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    page.notice('"Ivy\'s phone" was logged out.')
    assert len(listed_devices(page)) == 1
    assert api(live_demo, "/auth/users/me/", access=phone["access"])[0] == 401
    status, _ = api(live_demo, "/auth/jwt/refresh/", {"refresh": phone["refresh"]})
    assert status == 401
    page.screenshot("phone-logged-out")

    # Log out everywhere else: the password is asked again.
    second = phone_login(live_demo, "ivy")
    page.open("/")
    page.open("/sessions")
    page.wait_for_text("#session-list", "Ivy's phone")
    assert len(listed_devices(page)) == 2
    page.fill("sessions-logout-others", current_password="not-the-password")
    page.submit("sessions-logout-others")
    assert page.field_errors("sessions-logout-others", "current_password") == [
        "Invalid password."
    ]
    assert api(live_demo, "/auth/users/me/", access=second["access"])[0] == 200
    page.fill("sessions-logout-others", current_password=PASSWORD)
    page.submit("sessions-logout-others")
    page.notice("Every other device was logged out.")
    assert len(listed_devices(page)) == 1
    assert api(live_demo, "/auth/users/me/", access=second["access"])[0] == 401
    status, _ = api(live_demo, "/auth/jwt/refresh/", {"refresh": second["refresh"]})
    assert status == 401
    page.screenshot("only-this-device")

    # This device's own refresh token survived: with its access cookie gone,
    # the page refreshes through the refresh cookie and stays signed in.
    page.driver.delete_cookie("access_token")
    page.driver.refresh()
    page.wait_for_heading("Signed-in devices")
    assert len(listed_devices(page)) == 1
    assert page.driver.get_cookie("access_token") is not None

    # Log out here: the page is signed out, and its own tokens end too.
    page.wait("#session-list li.current button[type=submit]").click()
    page.wait_for_heading("Log in")
    assert page.who() == "Not signed in"
    assert page.script_errors() == []
