"""The secret keys of device tokens: how they are made and how they are stored.

A key is ``dtk_`` followed by 32 random bytes in URL-safe base64. Only its
SHA-256 digest is stored, with the first few characters for display.
"""

import hashlib
import secrets

# Marks our keys, so a DRF Token (40 hex digits) is left to TokenAuthentication
# and secret scanners can recognise a leaked key.
KEY_MARK = "dtk_"
# The marker and 8 random characters (48 of 256 bits): enough to tell tokens
# apart in a list, too few to help guess the rest.
PREFIX_LENGTH = len(KEY_MARK) + 8
RANDOM_BYTES = 32


def generate_key():
    return KEY_MARK + secrets.token_urlsafe(RANDOM_BYTES)


def is_device_key(key):
    return key.startswith(KEY_MARK)


def digest(key):
    """The stored form of ``key``: its SHA-256, in hex.

    A password hasher (PBKDF2, Argon2) is slow on purpose, to protect
    guessable secrets. These keys carry 256 random bits, so nothing is
    guessed and one fast hash is safe; it also lets a request find its token
    by an indexed equality lookup. No secret is mixed in (no HMAC with
    SECRET_KEY), so rotating SECRET_KEY does not log every device out.
    """
    return hashlib.sha256(key.encode()).hexdigest()


def display_prefix(key):
    return key[:PREFIX_LENGTH]
