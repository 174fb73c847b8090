"""Wrong codes at the admin's two-factor login, twenty at once, each from its
own address: counted exactly up to the account's limit
(``THROTTLE_RATES["mfa_verify"]``), as at ``mfa/verify/`` (docs/security.rst).
"""

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request

import psycopg
import pyotp
from django.contrib.auth import get_user_model

from djoser.conf import RECOMMENDED_THROTTLE_RATES
from tests.concurrency.test_bursts import activated, login_body, send
from tests.conftest import PASSWORD

PARALLEL = 20
LIMIT = int(RECOMMENDED_THROTTLE_RATES["mfa_verify"].split("/")[0])


def make_staff(postgres_url, username):
    """Set is_staff in the server's database (no endpoint does)."""
    meta = get_user_model()._meta
    table = meta.db_table
    staff = meta.get_field("is_staff").column
    name = meta.get_field(get_user_model().USERNAME_FIELD).column
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(
            f'UPDATE "{table}" SET "{staff}" = true WHERE "{name}" = %s', [username]
        )


def turn_mfa_on(server, fields, account):
    """Two-factor sign-in through the API; answers the authenticator."""
    login = send(
        f"{server.url}/auth/token/login/", login_body(fields, account, PASSWORD)
    )
    token = login.body["auth_token"]
    # The secret is shown only to a freshly reauthenticated credential.
    proof = {"current_password": PASSWORD}
    reauthenticated = send(f"{server.url}/auth/reauthenticate/", proof, token=token)
    assert reauthenticated.status == 200, reauthenticated.body
    setup = send(f"{server.url}/auth/mfa/totp/", token=token, method="GET")
    authenticator = pyotp.TOTP(setup.body["secret"])
    code = {"code": authenticator.now()}
    assert send(f"{server.url}/auth/mfa/totp/", code, token=token).status == 201
    return authenticator


class AdminLoginPage:
    """One browser at the admin's login: its cookies, CSRF token and address."""

    def __init__(self, base_url, address):
        self.url = f"{base_url}/admin/login/"
        self.address = address
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        page = self.opener.open(self._request(), timeout=60).read()
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        self.csrf = token.group(1).decode()

    def _request(self, body=None):
        headers = {"X-Forwarded-For": self.address}
        return urllib.request.Request(self.url, body, headers)

    def log_in(self, username, code):
        """Post the form; answers what the page then says."""
        body = {
            "csrfmiddlewaretoken": self.csrf,
            "username": username,
            "password": PASSWORD,
            "code": code,
            "next": "/admin/",
        }
        request = self._request(urllib.parse.urlencode(body).encode())
        with self.opener.open(request, timeout=60) as response:
            page = response.read().decode()
            if "Too many wrong codes" in page:
                return "throttled"
            if "Invalid code." in page:
                return "wrong"
            return f"{response.status} {response.url}"


def test_twenty_parallel_wrong_admin_codes_count_exactly_up_to_the_limit(
    postgres_server, postgres_url, fields
):
    server = postgres_server
    account = activated(server, fields)
    username = account[fields.username]
    make_staff(postgres_url, username)
    authenticator = turn_mfa_on(server, fields, account)
    wrong = "000000" if authenticator.now() != "000000" else "111111"
    pages = [
        AdminLoginPage(server.url, f"203.0.113.{number + 1}")
        for number in range(PARALLEL)
    ]
    barrier = threading.Barrier(PARALLEL)
    outcomes = [None] * PARALLEL

    def guess(number):
        barrier.wait()
        outcomes[number] = pages[number].log_in(username, wrong)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["throttled"] * (PARALLEL - LIMIT) + ["wrong"] * LIMIT
    # The account's limit holds for the right code too, from a new address.
    owner = AdminLoginPage(server.url, "203.0.113.200")
    assert owner.log_in(username, authenticator.now()) == "throttled"
