"""Create the server's database and the credentials the load will use.

Run with each side's interpreter and ``BENCH_DB`` set; prints JSON with a
user's login, DRF token and JWT access token.
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_project.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework_simplejwt.tokens import RefreshToken  # noqa: E402

PASSWORD = "bench-password-1"


def main():
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", "bench@example.com", PASSWORD)
    token = Token.objects.create(user=user)
    credentials = {
        "username": user.username,
        "password": PASSWORD,
        "token": token.key,
        "access": str(RefreshToken.for_user(user).access_token),
    }
    json.dump(credentials, sys.stdout)


if __name__ == "__main__":
    main()
