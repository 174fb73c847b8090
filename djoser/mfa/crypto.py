"""Keys for what djoser.mfa keeps: encrypted TOTP secrets, keyed code digests.

A database dump alone yields nothing usable: TOTP secrets are encrypted with
Fernet and recovery codes are stored as HMAC-SHA256 digests, both under keys
that live in settings, not in the database.
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings as django_settings
from django.utils.encoding import force_bytes

from djoser.conf import settings

SALT = b"djoser.mfa"


def _derive(secret, purpose):
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=SALT, info=purpose)
    return hkdf.derive(force_bytes(secret))


def _secret_keys():
    """SECRET_KEY, then its fallbacks: rotating it keeps old data readable."""
    return [
        django_settings.SECRET_KEY,
        *getattr(django_settings, "SECRET_KEY_FALLBACKS", []),
    ]


def fernet_keys():
    """ENCRYPTION_KEYS as configured, else one key per SECRET_KEY (HKDF)."""
    keys = settings.MFA["ENCRYPTION_KEYS"]
    if keys is None:
        keys = [
            base64.urlsafe_b64encode(_derive(secret, b"totp secrets"))
            for secret in _secret_keys()
        ]
    return list(keys)


def _fernet():
    # MultiFernet encrypts with the first key and decrypts with any.
    return MultiFernet([Fernet(key) for key in fernet_keys()])


def encrypt(text):
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token):
    """The plain text, or None when no configured key opens ``token``."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def code_digests(code):
    """The digests ``code`` may be stored under: the newest key's first."""
    return [
        hmac.new(
            _derive(secret, b"recovery codes"), code.encode(), hashlib.sha256
        ).hexdigest()
        for secret in _secret_keys()
    ]


def token_digest(token):
    # mfa_tokens are 256 random bits: a plain hash cannot be reversed.
    return hashlib.sha256(token.encode()).hexdigest()
