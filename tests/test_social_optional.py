"""djoser without social-auth: the ``social`` extra is optional.

A fresh interpreter refuses every import of ``social_core`` and
``social_django``, configures a project without them, imports every djoser
module outside ``djoser.social`` and signs a user up, in and out.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import importlib
import pkgutil
import sys
import types
from pathlib import Path


class RefuseSocialAuth:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {"social_core", "social_django"}:
            raise ImportError(f"{name} is not installed")
        return None


sys.meta_path.insert(0, RefuseSocialAuth())

import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "rest_framework",
        "rest_framework.authtoken",
        "djoser",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    ROOT_URLCONF="project_urls",
    ALLOWED_HOSTS=["testserver"],
    SECRET_KEY="no-social-auth",
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "rest_framework.authentication.TokenAuthentication"
        ]
    },
)
django.setup()

from django.urls import include, path

urls = types.ModuleType("project_urls")
urls.urlpatterns = [
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.authtoken")),
]
sys.modules["project_urls"] = urls

from django.core.management import call_command
from django.test import Client

import djoser

call_command("migrate", verbosity=0)
# The core: everything but djoser.social and the subpackages that are Django
# apps of their own (they need their own INSTALLED_APPS entry).
package_dir = Path(djoser.__file__).parent
apps = [f"djoser.{apps.parent.name}" for apps in package_dir.glob("*/apps.py")]
for module in pkgutil.walk_packages([str(package_dir)], prefix="djoser."):
    if not module.name.startswith(("djoser.social", *apps)):
        importlib.import_module(module.name)
try:
    importlib.import_module("djoser.social.views")
except ImportError:
    pass
else:
    raise AssertionError("social-auth was importable: the test proves nothing")

client = Client()
body = {"username": "plain", "password": "no-social-needed-42"}
assert client.post("/auth/users/", body).status_code == 201
login = client.post("/auth/token/login/", body)
assert login.status_code == 200, login.content
header = {"HTTP_AUTHORIZATION": "Token " + login.json()["auth_token"]}
assert client.get("/auth/users/me/", **header).json()["username"] == "plain"
assert client.post("/auth/token/logout/", **header).status_code == 204
loaded = sorted(name for name in sys.modules if name.startswith("social"))
assert not loaded, loaded
print("djoser works without social-auth")
"""


def test_djoser_imports_and_works_without_social_auth():
    # The script configures its own project, not the test suite's.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "djoser works without social-auth"
