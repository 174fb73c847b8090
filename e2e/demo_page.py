"""What a person does on the demo page, as Selenium calls."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.virtual_authenticator import (
    Protocol,
    Transport,
    VirtualAuthenticatorOptions,
)
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

WAIT_SECONDS = 10


class DemoPage:
    def __init__(self, driver, base_url, artifacts):
        self.driver = driver
        self.base_url = base_url
        self.artifacts = artifacts
        self.steps = 0

    def use_new_authenticator(self):
        """Give the browser a new platform authenticator, in place of any other.

        Chromium's virtual authenticator (the DevTools WebAuthn domain, through
        chromedriver): CTAP2 over the internal transport, with resident keys and
        user verification, and a user who always consents.
        """
        if self.driver.virtual_authenticator_id is not None:
            self.driver.remove_virtual_authenticator()
        self.driver.add_virtual_authenticator(
            VirtualAuthenticatorOptions(
                protocol=Protocol.CTAP2,
                transport=Transport.INTERNAL,
                has_resident_key=True,
                has_user_verification=True,
                is_user_consenting=True,
                is_user_verified=True,
            )
        )

    def open(self, route):
        self.driver.get(f"{self.base_url}/#{route}")

    def wait(self, css):
        return WebDriverWait(self.driver, WAIT_SECONDS).until(
            expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css))
        )

    def wait_for_text(self, css, text):
        WebDriverWait(self.driver, WAIT_SECONDS).until(
            expected_conditions.text_to_be_present_in_element(
                (By.CSS_SELECTOR, css), text
            )
        )
        return self.driver.find_element(By.CSS_SELECTOR, css).text

    def wait_for_heading(self, text):
        return self.wait_for_text("main", text)

    def fill(self, form_id, **values):
        for name, value in values.items():
            field = self.wait(f"#{form_id} input[name='{name}']")
            field.clear()
            field.send_keys(value)

    def choose(self, form_id, name, value):
        self.wait(f"#{form_id} input[name='{name}'][value='{value}']").click()

    def submit(self, form_id):
        self.wait(f"#{form_id} button[type=submit]").click()

    def field_errors(self, form_id, name):
        """The messages shown under one field of a form."""
        css = f"#{form_id} .field[data-name='{name}'] .errors li"
        self.wait(css)
        return [item.text for item in self.driver.find_elements(By.CSS_SELECTOR, css)]

    def form_errors(self, form_id):
        """The messages shown above the button: those of no single field."""
        css = f"#{form_id} .form-errors .errors li"
        self.wait(css)
        return [item.text for item in self.driver.find_elements(By.CSS_SELECTOR, css)]

    def notice(self, text):
        return self.wait_for_text(".notice", text)

    def who(self):
        return self.driver.find_element(By.ID, "who").text

    def profile_value(self, name):
        return self.wait(f"#profile-data dd[data-name='{name}']").text

    def follow_newest_link(self, route_prefix, screenshot_name):
        """Open the outbox, then the newest emailed link to ``route_prefix``."""
        self.open("/outbox")
        # Newest message first, so the first matching link is the latest one.
        link = self.wait(f".outbox .links a[href*='#{route_prefix}']")
        self.screenshot(screenshot_name)
        href = link.get_attribute("href")
        link.click()
        return href

    def script_errors(self):
        """JavaScript errors in the console since the last call.

        Failed requests are logged too (source "network"); the app expects
        its 4xx answers, so only errors of the scripts count.
        """
        return [
            entry["message"]
            for entry in self.driver.get_log("browser")
            if entry["source"] == "javascript" and entry["level"] == "SEVERE"
        ]

    def screenshot(self, name):
        self.steps += 1
        path = self.artifacts / f"{self.steps:02d}-{name}.png"
        assert self.driver.save_screenshot(str(path)), path
        return path


# The browser client's credential cookies (DJOSER["BROWSER"] defaults).
CREDENTIAL_COOKIES = ("access_token", "refresh_token", "auth_token", "mfa_token")


def assert_no_credential_in_the_page(page):
    """No credential where the page's scripts can reach it.

    Each credential cookie the browser holds is HttpOnly, so absent from
    document.cookie; and neither its value nor any token-like key is in
    localStorage or sessionStorage.
    """
    held = {
        cookie["name"]: cookie
        for cookie in page.driver.get_cookies()
        if cookie["name"] in CREDENTIAL_COOKIES
    }
    assert held, "signed in, but no credential cookie"
    for cookie in held.values():
        assert cookie["httpOnly"] is True, cookie
    visible = page.driver.execute_script("return document.cookie;")
    stored = page.driver.execute_script(
        "const all = {};"
        "for (const area of [localStorage, sessionStorage])"
        "  for (let i = 0; i < area.length; i++)"
        "    all[area.key(i)] = area.getItem(area.key(i));"
        "return JSON.stringify(all);"
    )
    for name, cookie in held.items():
        assert name not in visible
        assert cookie["value"] not in visible
        assert cookie["value"] not in stored
    for key in ("auth_token", "access", "refresh", "mfa_token"):
        assert key not in stored, stored
