"""SQL queries per operation, for whichever djoser is importable.

Run by compare.py with each side's interpreter; prints one JSON object:
``{"djoser": <version and path>, "operations": {name: {"queries": n, "sql": [...]}}}``.
Every operation is one request through Django's test client (the full
middleware stack), on its own fresh user, and must answer the status
djoser documents, or the script fails.
"""

import itertools
import json
import os
import sys
from importlib.metadata import version

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_project.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.tokens import default_token_generator  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils.encoding import force_bytes  # noqa: E402
from django.utils.http import urlsafe_base64_encode  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402
from rest_framework_simplejwt.tokens import RefreshToken  # noqa: E402

import djoser  # noqa: E402

User = get_user_model()
PASSWORD = "bench-password-1"
STAFF_LIST_SIZE = 1000
_numbers = itertools.count(1)


def new_user(**extra):
    number = next(_numbers)
    return User.objects.create_user(
        f"user{number}", f"user{number}@example.com", PASSWORD, **extra
    )


def registration_body():
    number = next(_numbers)
    return {
        "username": f"new{number}",
        "email": f"new{number}@example.com",
        "password": PASSWORD,
    }


def token_client(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def link(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return {"uid": uid, "token": default_token_generator.make_token(user)}


# Each row: name -> a function that prepares the state and returns
# (client, method, url, body, expected status, settings overrides, check).
# ``check(response)`` confirms the request did what the row claims.
def register():
    return APIClient(), "post", "/auth/users/", registration_body(), 201, {}, None


def register_with_activation_email():
    def check(response):
        assert len(mail.outbox) == 1, "no activation email was sent"
        user = User.objects.get(username=response.json()["username"])
        assert not user.is_active, "the new user is active"

    body = registration_body()
    overrides = {"SEND_ACTIVATION_EMAIL": True}
    return APIClient(), "post", "/auth/users/", body, 201, overrides, check


def token_login_first():
    user = new_user()
    body = {"username": user.username, "password": PASSWORD}
    return APIClient(), "post", "/auth/token/login/", body, 200, {}, None


def token_login_again():
    user = new_user()
    Token.objects.create(user=user)
    body = {"username": user.username, "password": PASSWORD}
    return APIClient(), "post", "/auth/token/login/", body, 200, {}, None


def jwt_create():
    user = new_user()
    body = {"username": user.username, "password": PASSWORD}
    return APIClient(), "post", "/auth/jwt/create/", body, 200, {}, None


def jwt_refresh():
    body = {"refresh": str(RefreshToken.for_user(new_user()))}
    return APIClient(), "post", "/auth/jwt/refresh/", body, 200, {}, None


def jwt_verify():
    body = {"token": str(RefreshToken.for_user(new_user()).access_token)}
    return APIClient(), "post", "/auth/jwt/verify/", body, 200, {}, None


def me_get():
    return token_client(new_user()), "get", "/auth/users/me/", None, 200, {}, None


def me_patch():
    user = new_user()
    body = {"email": f"changed-{user.email}"}

    def check(response):
        user.refresh_from_db()
        assert user.email == body["email"], "the email did not change"

    return token_client(user), "patch", "/auth/users/me/", body, 200, {}, check


def set_password():
    user = new_user()
    body = {"new_password": "bench-password-2", "current_password": PASSWORD}

    def check(response):
        user.refresh_from_db()
        assert user.check_password("bench-password-2"), "the password did not change"

    url = "/auth/users/set_password/"
    return token_client(user), "post", url, body, 204, {}, check


def set_username():
    user = new_user()
    body = {"new_username": f"renamed-{user.username}", "current_password": PASSWORD}

    def check(response):
        user.refresh_from_db()
        assert user.username == body["new_username"], "the username did not change"

    url = "/auth/users/set_username/"
    return token_client(user), "post", url, body, 204, {}, check


def reset_password_known():
    user = new_user()

    def check(response):
        assert len(mail.outbox) == 1, "no reset email was sent"

    url = "/auth/users/reset_password/"
    return APIClient(), "post", url, {"email": user.email}, 204, {}, check


def reset_password_unknown():
    url = "/auth/users/reset_password/"
    body = {"email": "nobody@example.com"}
    return APIClient(), "post", url, body, 204, {}, None


def reset_password_confirm():
    user = new_user()
    body = {**link(user), "new_password": "bench-password-2"}

    def check(response):
        user.refresh_from_db()
        assert user.check_password("bench-password-2"), "the password did not change"

    url = "/auth/users/reset_password_confirm/"
    return APIClient(), "post", url, body, 204, {}, check


def activation():
    user = new_user(is_active=False)

    def check(response):
        user.refresh_from_db()
        assert user.is_active, "the user is still inactive"

    url = "/auth/users/activation/"
    return APIClient(), "post", url, link(user), 204, {}, check


def token_logout():
    user = new_user()

    def check(response):
        assert not Token.objects.filter(user=user).exists(), "the token remains"

    return token_client(user), "post", "/auth/token/logout/", None, 204, {}, check


def account_deletion():
    user = new_user()

    def check(response):
        assert not User.objects.filter(pk=user.pk).exists(), "the user remains"

    body = {"current_password": PASSWORD}
    return token_client(user), "delete", "/auth/users/me/", body, 204, {}, check


def staff_user_list():
    existing = User.objects.count()
    User.objects.bulk_create(
        User(username=f"listed{number}", email=f"listed{number}@example.com")
        for number in range(STAFF_LIST_SIZE - existing - 1)
    )
    staff = new_user(is_staff=True)

    def check(response):
        assert len(response.json()) == STAFF_LIST_SIZE, "not every user is listed"

    return token_client(staff), "get", "/auth/users/", None, 200, {}, check


OPERATIONS = {
    "register": register,
    "register (activation email)": register_with_activation_email,
    "token login (new token)": token_login_first,
    "token login (token exists)": token_login_again,
    "jwt create": jwt_create,
    "jwt refresh": jwt_refresh,
    "jwt verify": jwt_verify,
    "users/me/ GET": me_get,
    "users/me/ PATCH": me_patch,
    "set_password": set_password,
    "set_username": set_username,
    "reset_password (known)": reset_password_known,
    "reset_password (unknown)": reset_password_unknown,
    "reset_password_confirm": reset_password_confirm,
    "activation": activation,
    "token logout": token_logout,
    "account deletion": account_deletion,
    f"users/ as staff ({STAFF_LIST_SIZE} users)": staff_user_list,
}


def measure(prepare):
    client, method, url, body, expected, overrides, check = prepare()
    mail.outbox = []
    djoser_settings = {**django.conf.settings.DJOSER, **overrides}
    with override_settings(DJOSER=djoser_settings):
        with CaptureQueriesContext(connection) as captured:
            response = getattr(client, method)(url, body, format="json")
        if response.status_code != expected:
            raise SystemExit(
                f"{method.upper()} {url}: {response.status_code}, expected "
                f"{expected}: {response.content[:300]!r}"
            )
        if check is not None:
            check(response)
    return {
        "queries": len(captured.captured_queries),
        "sql": [query["sql"] for query in captured.captured_queries],
    }


def main():
    call_command("migrate", verbosity=0)
    import django.core.mail.backends.locmem  # noqa: F401  (sets up mail.outbox)

    mail.outbox = []
    results = {name: measure(prepare) for name, prepare in OPERATIONS.items()}
    about = {"version": version("djoser"), "path": djoser.__path__[0]}
    json.dump({"djoser": about, "operations": results}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
