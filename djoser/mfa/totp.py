"""TOTP (RFC 6238) through pyotp: secrets, codes, the otpauth URI, its QR code."""

import io

import pyotp
import segno
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from djoser.conf import settings

# 32 base32 characters: 160 bits, the key length RFC 4226 recommends.
SECRET_LENGTH = 32


def new_secret():
    return pyotp.random_base32(length=SECRET_LENGTH)


def _totp(secret):
    config = settings.MFA
    return pyotp.TOTP(secret, digits=config["DIGITS"], interval=config["PERIOD"])


def current_step(at=None):
    return int((at or timezone.now()).timestamp()) // settings.MFA["PERIOD"]


def matching_step(secret, code, at=None):
    """The time step whose code ``code`` is, within DRIFT steps of now; else None.

    Every step in the window is compared, in constant time, so the time
    taken says nothing about which one matched.
    """
    totp = _totp(secret)
    now_step = current_step(at)
    drift = settings.MFA["DRIFT"]
    matched = None
    for step in range(now_step - drift, now_step + drift + 1):
        if constant_time_compare(totp.generate_otp(step), code):
            matched = step
    return matched


def code_at(secret, at=None):
    """The code for ``at`` (now by default); for tests and the admin."""
    return _totp(secret).generate_otp(current_step(at))


def provisioning_uri(secret, account_name, issuer):
    return _totp(secret).provisioning_uri(name=account_name, issuer_name=issuer)


def qr_svg(uri):
    """The URI as a QR code, an SVG document; drawn here, no outside service.

    A whole document (with its namespace), so it also shows as an image.
    """
    document = io.BytesIO()
    segno.make(uri, error="m").save(
        document, kind="svg", xmldecl=False, scale=4, border=2, svgclass=None
    )
    return document.getvalue().decode()
