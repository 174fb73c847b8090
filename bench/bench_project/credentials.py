"""The accounts and credentials a configuration is measured with.

Called after ``django.setup()`` in whichever virtualenv serves the
configuration; what it makes depends on the apps installed there: DRF
tokens, simplejwt access tokens, and device tokens from
``djoser.devicetokens`` or from knox.
"""

import base64
import itertools

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

PASSWORD = "bench-password-1"
_batches = itertools.count(1)


def _drf_tokens(users):
    from rest_framework.authtoken.models import Token

    tokens = [Token(key=Token.generate_key(), user=user) for user in users]
    Token.objects.bulk_create(tokens)
    return [token.key for token in tokens]


def _device_tokens(users):
    """One device token per user (ours, or knox's); returns the keys."""
    if apps.is_installed("djoser.devicetokens"):
        from djoser.devicetokens import keys
        from djoser.devicetokens.models import DeviceToken

        made = [(keys.generate_key(), user) for user in users]
        DeviceToken.objects.bulk_create(
            DeviceToken(
                digest=keys.digest(key), prefix=keys.display_prefix(key), user=user
            )
            for key, user in made
        )
        return [key for key, _ in made]
    from django.utils import timezone
    from knox.models import get_digest_token, get_token_model
    from knox.settings import CONSTANTS, knox_settings

    made = [(get_digest_token(None), user) for user in users]
    expiry = timezone.now() + knox_settings.TOKEN_TTL
    get_token_model().objects.bulk_create(
        get_token_model()(
            digest=digest,
            token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH],
            user=user,
            expiry=expiry,
        )
        for (digest, key), user in made
    )
    return [key for (_, key), _ in made]


def _has_device_tokens():
    return apps.is_installed("djoser.devicetokens") or apps.is_installed("knox")


def bench_users():
    """The account the load signs in as, and the one whose credentials it sends.

    Two accounts: logins pile up device tokens on theirs, and knox reads
    every token of an account on each request it authenticates.
    """
    user_model = get_user_model()
    login = user_model.objects.create_user("login", "login@example.com", PASSWORD)
    bench = user_model.objects.create_user("bench", "bench@example.com", PASSWORD)
    basic = base64.b64encode(f"{login.username}:{PASSWORD}".encode()).decode()
    values = {
        "username": login.username,
        "password": PASSWORD,
        "email": bench.email,
        "basic": f"Basic {basic}",
    }
    if apps.is_installed("rest_framework.authtoken"):
        values["token"] = _drf_tokens([bench])[0]
    if apps.is_installed("djoser") or apps.is_installed("dj_rest_auth"):
        from rest_framework_simplejwt.tokens import RefreshToken

        values["access"] = str(RefreshToken.for_user(bench).access_token)
    if _has_device_tokens():
        values["device"] = _device_tokens([bench])[0]
    return values


def fresh(kind, count, devices):
    """``count`` new accounts, each signed in ``devices`` times with ``kind``.

    Returns one credential of each account: the load uses each once.
    """
    batch = next(_batches)
    user_model = get_user_model()
    password = make_password(PASSWORD)
    with transaction.atomic():
        users = user_model.objects.bulk_create(
            user_model(
                username=f"{kind}{batch}-{number}",
                email=f"{kind}{batch}-{number}@example.com",
                password=password,
            )
            for number in range(count)
        )
        make = _drf_tokens if kind == "token" else _device_tokens
        first = make(users)
        for _ in range(devices - 1):
            make(users)
    return first
