"""This package with ``djoser.devicetokens``: one hashed token per login.

Set up as docs/device_tokens.rst says, with JWT beside it.
"""

from bench_project.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "djoser.devicetokens"]  # noqa: F405
ROOT_URLCONF = "bench_project.urls_devicetokens"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "djoser.devicetokens.authentication.DeviceTokenAuthentication",
        JWT_AUTHENTICATION,  # noqa: F405
    ],
}
DJOSER = {**DJOSER, "TOKEN_MODEL": "djoser.devicetokens.models.DeviceToken"}  # noqa: F405
