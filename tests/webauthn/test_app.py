"""The app as a project installs it: label, URLs, settings and migrations."""

import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from djoser.conf import default_settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_label_is_webauthn_with_big_auto_ids():
    config = apps.get_app_config("webauthn")

    assert config.name == "djoser.webauthn"
    assert config.default_auto_field == "django.db.models.BigAutoField"


@pytest.mark.parametrize(
    "name, kwargs, path",
    [
        ("webauthn_signup_request", {}, "signup_request/"),
        ("webauthn_signup", {"ukey": "abc_-"}, "signup/abc_-/"),
        ("webauthn_login_request", {}, "login_request/"),
        ("webauthn_login", {}, "login/"),
        ("webauthn_passkey_list", {}, "passkeys/"),
        ("webauthn_passkey_add_request", {}, "passkeys/add_request/"),
        ("webauthn_passkey_add", {}, "passkeys/add/"),
        ("webauthn_passkey_detail", {"pk": 7}, "passkeys/7/"),
    ],
)
def test_url_names_resolve_under_the_include_prefix(name, kwargs, path):
    assert reverse(name, kwargs=kwargs or None) == f"/auth/webauthn/{path}"


def test_the_challenge_lifetime_defaults_to_five_minutes():
    assert default_settings["WEBAUTHN"]["CHALLENGE_LIFETIME"] == timedelta(minutes=5)


@pytest.mark.django_db
def test_the_migrations_match_the_models():
    output = StringIO()

    call_command("makemigrations", "webauthn", check=True, dry_run=True, stdout=output)

    assert "No changes detected" in output.getvalue()


def test_the_core_package_works_without_the_webauthn_library():
    # A fresh interpreter where importing ``webauthn`` fails, as when the
    # extra is not installed; djoser.webauthn stays out of INSTALLED_APPS.
    script = """
import sys
sys.modules["webauthn"] = None
import django
from django.conf import settings
settings.configure(
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes",
                    "rest_framework", "rest_framework.authtoken", "djoser"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                           "NAME": ":memory:"}},
    ROOT_URLCONF="djoser.urls", SECRET_KEY="x",
)
django.setup()
import djoser.conf, djoser.serializers, djoser.views, djoser.urls
import djoser.urls.authtoken, djoser.urls.jwt
from djoser.conf import settings as djoser_settings
assert djoser_settings.WEBAUTHN["RP_ID"] == "localhost"
try:
    import djoser.webauthn.views
except ImportError:
    print("core ok, passkeys need the extra")
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "core ok, passkeys need the extra"
