"""This package, or djoser 2.3.5, with DRF tokens and JWT (see common.py)."""

import os

from bench_project.common import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "djoser"]  # noqa: F405
# bench/mfa_cost.py: this package with its two-factor app installed (the
# djoser 2.3.5 side never sets it).
if os.environ.get("BENCH_MFA"):
    INSTALLED_APPS.append("djoser.mfa")
ROOT_URLCONF = "bench_project.urls"
# bench/sessions_cost.py: BENCH_SESSIONS=1 installs djoser.sessions and
# simplejwt's blacklist app side by side; the script switches between plain
# simplejwt, simplejwt's rotation and djoser.sessions as it measures.
if os.environ.get("BENCH_SESSIONS"):
    INSTALLED_APPS += [
        "djoser.sessions",
        "rest_framework_simplejwt.token_blacklist",
    ]

DJOSER = {
    "ACTIVATION_URL": "activate/{uid}/{token}",
    "PASSWORD_RESET_CONFIRM_URL": "password/reset/{uid}/{token}",
    "USERNAME_RESET_CONFIRM_URL": "username/reset/{uid}/{token}",
    # Every limit is set here rather than left to the defaults, which change
    # between releases (djoser 2.3.5 ignores the key). The load registers
    # thousands of accounts and asks for one address's reset link thousands
    # of times, so those limits are off, as the peers have none. The login
    # limit stays on: it counts failed logins only, and its check is part of
    # what a login costs.
    "THROTTLE_RATES": {
        "token_create": "10/hour",
        "social": "10/hour",
        "webauthn_login": "10/hour",
        "user_create": None,
        "password_reset": None,
        "username_reset": None,
        "activation": None,
        "password_reset_confirm": None,
        "username_reset_confirm": None,
        "set_password": None,
        "set_username": None,
        "user_delete": None,
        "user": None,
        "user_list": None,
        "token_destroy": None,
    },
}
# profile_requests.py and mfa_cost.py: BENCH_NO_LOGIN_LIMIT=1 turns the login
# limit off, to measure what it costs.
if os.environ.get("BENCH_NO_LOGIN_LIMIT"):
    DJOSER["THROTTLE_RATES"]["token_create"] = None
