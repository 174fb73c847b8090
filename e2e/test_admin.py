"""The Django admin of testproject asks a staff account with two-factor
sign-in for its code (djoser.mfa gives admin.site that login): the password
alone opens nothing."""

import subprocess
import sys

import pyotp
import pytest
from selenium.webdriver.common.by import By

from e2e.demo_page import DemoPage
from e2e.server import running_demo, server_environment
from e2e.test_journey import PASSWORD
from tests.live_server import PROJECT_DIR

SECRET = pyotp.random_base32()
ENROL_STAFF = f"""
from django.contrib.auth import get_user_model
from djoser.mfa.models import TOTPDevice
user = get_user_model().objects.get(username="root")
TOTPDevice.offer(user, "{SECRET}").confirm()
"""


@pytest.fixture
def page(browser, tmp_path, artifacts, request):
    """A demo server of its own, with a superuser ``root`` who has 2FA on."""
    with running_demo(tmp_path) as base_url:
        environment = {
            **server_environment(tmp_path / "demo.sqlite3", base_url),
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        }
        for command in (
            ["createsuperuser", "--noinput", "--username", "root", "--email", "r@x.io"],
            ["shell", "-c", ENROL_STAFF],
        ):
            done = subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=PROJECT_DIR,
                env=environment,
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, done.stdout + done.stderr
        screenshots = artifacts / request.node.name
        screenshots.mkdir()
        yield DemoPage(browser, base_url, screenshots)


def admin_login(page, **values):
    page.driver.get(f"{page.base_url}/admin/login/?next=/admin/")
    for name, value in values.items():
        field = page.wait(f"#login-form input[name='{name}']")
        field.clear()
        field.send_keys(value)
    page.wait("#login-form input[type=submit]").click()


def test_staff_with_two_factor_sign_in_must_give_the_code_at_the_admin(page):
    admin_login(page, username="root", password=PASSWORD)

    error = page.wait(".errornote").text
    assert "authenticator app" in error
    page.screenshot("password-alone-refused")
    page.driver.get(f"{page.base_url}/admin/")
    assert "/admin/login/" in page.driver.current_url

    wrong = "000000" if pyotp.TOTP(SECRET).now() != "000000" else "111111"
    admin_login(page, username="root", password=PASSWORD, code=wrong)
    assert page.wait(".errornote").text == "Invalid code."

    admin_login(page, username="root", password=PASSWORD, code=pyotp.TOTP(SECRET).now())
    page.wait_for_text("#site-name", "Django administration")
    assert page.driver.find_elements(By.ID, "user-tools")
    page.screenshot("signed-in-with-the-code")
