"""Browser mode in Chromium: the credentials stay in HttpOnly cookies, and a
page of another origin cannot use them.

The other origin is a second local server on another port. At
``http://localhost:OTHER`` it is the same site as the demo (ports do not
count), so the browser sends the SameSite=Lax cookies along: Django's CSRF
check is what refuses it. At ``http://127.0.0.1:OTHER`` it is another site,
and the cookies do not even go.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from e2e.demo_page import DemoPage, assert_no_credential_in_the_page
from e2e.test_journey import sign_up_and_activate
from e2e.test_mfa import log_in

# A page that posts a form to the demo's API, as a forged request would.
FORM_PAGE = """<!doctype html>
<html><body>
<form id="forged" method="post" action="{action}">
  <input name="current_password" value="guess">
</form>
<script>document.getElementById("forged").submit();</script>
</body></html>"""

BLANK_PAGE = "<!doctype html><html><body>another origin</body></html>"


class OtherOrigin:
    """A second local server; ``pages`` maps a path to the HTML it answers."""

    def __init__(self):
        self.pages = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = pages.get(self.path, BLANK_PAGE).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]

    def url(self, host, path="/"):
        return f"http://{host}:{self.port}{path}"


@pytest.fixture(scope="module")
def other_origin():
    origin = OtherOrigin()
    thread = threading.Thread(target=origin.server.serve_forever, daemon=True)
    thread.start()
    yield origin
    origin.server.shutdown()
    origin.server.server_close()


@pytest.fixture
def page(browser, live_demo, artifacts, request):
    screenshots = artifacts / request.node.name
    screenshots.mkdir()
    return DemoPage(browser, live_demo, screenshots)


def still_signed_in(page, username):
    page.open("/profile")
    page.wait_for_heading("Your profile")
    assert page.profile_value("username") == username


def cross_origin_fetch(page, url, **options):
    """fetch() from the current page; what it could read, or the error."""
    script = """
        const [url, options, done] = arguments;
        fetch(url, options)
          .then(async (response) => done({
            status: response.status, type: response.type, body: await response.text(),
          }))
          .catch((error) => done({error: String(error)}));
    """
    return page.driver.execute_async_script(script, url, options)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_a_form_on_another_origin_cannot_log_the_user_out(page, other_origin, host):
    username = f"forms-{host.replace('.', '-')}"
    sign_up_and_activate(page, username, f"{username}@example.com")
    log_in(page, username)
    page.wait_for_heading("Your profile")
    assert_no_credential_in_the_page(page)

    action = f"{page.base_url}/auth/browser/token/logout/"
    other_origin.pages["/forged-logout"] = FORM_PAGE.format(action=action)
    page.driver.get(other_origin.url(host, "/forged-logout"))
    WebDriverWait(page.driver, 10).until(
        lambda driver: "/auth/browser/" in driver.current_url
    )
    answer = page.driver.find_element("tag name", "body").text
    page.screenshot("forged-form-refused")
    if host == "localhost":
        # Same site: the cookies went along, and the CSRF check refused it.
        assert "CSRF check failed" in answer
    else:
        # Another site: SameSite=Lax kept the cookies home.
        assert (
            "CSRF check failed" in answer or "credentials were not provided" in answer
        )

    still_signed_in(page, username)
    assert page.script_errors() == []


def test_fetch_with_credentials_from_another_origin_is_refused(page, other_origin):
    sign_up_and_activate(page, "fetcher", "fetcher@example.com")
    log_in(page, "fetcher", "JWT")
    page.wait_for_heading("Your profile")
    api = f"{page.base_url}/auth/browser"

    page.driver.get(other_origin.url("localhost", "/"))
    # Reading the account: the answer is the API's, but no CORS header lets
    # this origin read it.
    read = cross_origin_fetch(page, f"{api}/users/me/", credentials="include")
    assert "error" in read, read
    # Changing something: sent without preflight (no-cors, a simple body),
    # cookies and all, and refused by the CSRF check. Nothing can be read.
    for endpoint in ("jwt/blacklist/", "token/logout/", "users/me/"):
        forged = cross_origin_fetch(
            page,
            f"{api}/{endpoint}",
            method="POST",
            credentials="include",
            mode="no-cors",
            body="refresh=stolen",
            headers={"Content-Type": "text/plain"},
        )
        assert forged.get("type") == "opaque", forged
    # With a JSON body the browser asks first (preflight), and the API's
    # missing CORS headers stop the request before it is sent.
    json_post = cross_origin_fetch(
        page,
        f"{api}/users/set_password/",
        method="POST",
        credentials="include",
        body='{"current_password": "x", "new_password": "y"}',
        headers={"Content-Type": "application/json", "X-CSRFToken": "guessed"},
    )
    assert "error" in json_post, json_post
    page.screenshot("other-origin-after-fetches")

    # The only console errors: the browser's own CORS refusals.
    errors = page.script_errors()
    assert errors and all("blocked by CORS policy" in error for error in errors)

    still_signed_in(page, "fetcher")
    assert page.who() == "Signed in (JWT)"
    assert page.script_errors() == []


def same_origin_post(page, path):
    """POST ``path`` from the demo page, with its CSRF token, as the app does."""
    script = """
        const [path, done] = arguments;
        const token = document.cookie.split("; ")
          .find((cookie) => cookie.startsWith("csrftoken="));
        fetch(path, {method: "POST", credentials: "same-origin",
                     headers: {"X-CSRFToken": token ? token.slice(10) : ""}})
          .then(async (response) => done({
            status: response.status, body: await response.text(),
          }))
          .catch((error) => done({error: String(error)}));
    """
    return page.driver.execute_async_script(script, path)


def refresh_cookie(page):
    """The refresh cookie, read where it is sent: under the jwt/ routes."""
    page.driver.get(f"{page.base_url}/auth/browser/jwt/verify/")
    return page.driver.get_cookie("refresh_token")


def test_refresh_and_logout_work_through_the_cookies(page):
    sign_up_and_activate(page, "cookie", "cookie@example.com")
    log_in(page, "cookie", "JWT")
    page.wait_for_heading("Your profile")
    assert_no_credential_in_the_page(page)
    # The refresh cookie goes to the jwt/ routes only, never to the page's.
    assert page.driver.get_cookie("refresh_token") is None
    refresh = refresh_cookie(page)
    assert refresh["httpOnly"] is True
    assert refresh["path"] == "/auth/browser/jwt/"
    assert refresh["sameSite"] == "Lax"
    assert refresh["secure"] is True

    # The page refreshes through the cookie when its access cookie is gone.
    page.open("/profile")
    page.wait_for_heading("Your profile")
    page.driver.delete_cookie("access_token")
    page.driver.refresh()
    assert page.profile_value("username") == "cookie"
    assert page.driver.get_cookie("access_token")["httpOnly"] is True
    assert_no_credential_in_the_page(page)
    page.screenshot("refreshed-through-the-cookie")

    page.open("/logout")
    page.notice("You are logged out.")
    page.screenshot("logged-out")
    assert page.driver.get_cookie("access_token") is None
    assert refresh_cookie(page) is None
    # The old refresh token is blacklisted: put back, it buys nothing.
    page.driver.add_cookie(
        {
            "name": "refresh_token",
            "value": refresh["value"],
            "path": "/auth/browser/jwt/",
        }
    )
    page.open("/login")
    replay = same_origin_post(page, "/auth/browser/jwt/refresh/")
    assert replay["status"] == 401, replay
    assert page.driver.get_cookie("access_token") is None
    assert page.script_errors() == []
