"""The WebAuthn ceremonies on py_webauthn: options out, responses verified.

Settings are read on every call, so ``override_settings`` applies at once.
Whatever the library raises on a hostile or broken response becomes a
``ValidationError`` with a readable reason; nothing here touches the database.
"""

import json

from cryptography.exceptions import InvalidSignature
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import (
    base64url_to_bytes,
    bytes_to_base64url,
    decode_credential_public_key,
    decoded_public_key_to_cryptography,
    parse_authentication_credential_json,
    parse_client_data_json,
    parse_registration_credential_json,
)
from webauthn.helpers import exceptions as webauthn_exceptions
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from djoser.conf import settings
from djoser.webauthn.constants import Messages

# The library's own exceptions, whose messages say what failed. Collected
# from its module: py_webauthn 2.0 gives them no common base class (later
# releases derive them from WebAuthnException).
WEBAUTHN_ERRORS = tuple(
    value
    for value in vars(webauthn_exceptions).values()
    if isinstance(value, type) and issubclass(value, Exception)
)

# The CBOR, JSON and key decoding beneath the library raise plain Python
# errors on garbage: like its own, they mean "this response is not valid",
# never a server fault.
LIBRARY_ERRORS = (
    *WEBAUTHN_ERRORS,
    InvalidSignature,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    OverflowError,
)

KNOWN_TRANSPORTS = {transport.value for transport in AuthenticatorTransport}


def _timeout_ms():
    return int(settings.WEBAUTHN["CHALLENGE_LIFETIME"].total_seconds() * 1000)


def _as_json(options):
    """The options as the JSON the browser takes (binary values base64url)."""
    return json.loads(options_to_json(options))


def _descriptors(passkeys):
    return [
        PublicKeyCredentialDescriptor(
            id=base64url_to_bytes(passkey.credential_id),
            transports=[
                AuthenticatorTransport(name)
                for name in passkey.transports
                if name in KNOWN_TRANSPORTS
            ],
        )
        for passkey in passkeys
    ]


def registration_options(challenge, user_name, display_name="", exclude=()):
    """Options for ``navigator.credentials.create()``.

    ``user.id`` is the challenge's user handle (the ``ukey`` of signup); the
    account's existing ``exclude`` passkeys are listed so an authenticator
    is not registered twice.
    """
    webauthn = settings.WEBAUTHN
    options = generate_registration_options(
        rp_id=webauthn["RP_ID"],
        rp_name=webauthn["RP_NAME"],
        user_id=base64url_to_bytes(challenge.user_handle),
        user_name=user_name,
        user_display_name=display_name or user_name,
        challenge=base64url_to_bytes(challenge.challenge),
        timeout=_timeout_ms(),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(exclude),
    )
    return _as_json(options)


def authentication_options(challenge, allow=()):
    """Options for ``navigator.credentials.get()``.

    With no ``allow`` passkeys the browser offers the discoverable passkeys
    it holds for the RP ID: login without a username.
    """
    options = generate_authentication_options(
        rp_id=settings.WEBAUTHN["RP_ID"],
        challenge=base64url_to_bytes(challenge.challenge),
        timeout=_timeout_ms(),
        allow_credentials=_descriptors(allow),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return _as_json(options)


def _reason(error):
    """What the library says went wrong, or a generic reason for a plain error.

    The library's messages may quote the client's data (an unexpected
    origin, say): a lone surrogate there is escaped, as no response can
    carry it.
    """
    if not isinstance(error, WEBAUTHN_ERRORS):
        return _("unreadable data")
    return str(error).encode("utf-8", "backslashreplace").decode("utf-8")


def _malformed(error):
    return ValidationError(Messages.MALFORMED_RESPONSE_ERROR.format(_reason(error)))


def parse_registration(data):
    """A ``RegistrationCredential`` from the browser's JSON, and its challenge."""
    try:
        credential = parse_registration_credential_json(data)
        client_data = parse_client_data_json(credential.response.client_data_json)
    except LIBRARY_ERRORS as error:
        raise _malformed(error) from error
    return credential, bytes_to_base64url(client_data.challenge)


def parse_authentication(data):
    """An ``AuthenticationCredential`` from the browser's JSON, and its challenge."""
    try:
        credential = parse_authentication_credential_json(data)
        client_data = parse_client_data_json(credential.response.client_data_json)
    except LIBRARY_ERRORS as error:
        raise _malformed(error) from error
    return credential, bytes_to_base64url(client_data.challenge)


def _failed(error):
    return ValidationError(Messages.VERIFICATION_FAILED_ERROR.format(_reason(error)))


def verify_registration(credential, challenge):
    """Check an attestation against the challenge, RP ID and origin(s)."""
    webauthn = settings.WEBAUTHN
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge.challenge),
            expected_rp_id=webauthn["RP_ID"],
            expected_origin=webauthn["ORIGIN"],
        )
        # "none" attestation signs nothing: load the key now, so one that
        # could never verify a login (a point off the curve) is refused here.
        decoded_public_key_to_cryptography(
            decode_credential_public_key(verified.credential_public_key)
        )
    except LIBRARY_ERRORS as error:
        raise _failed(error) from error
    return verified


def verify_authentication(credential, challenge, passkey):
    """Check an assertion's signature, RP ID, origin(s) and signature counter.

    A counter that does not grow past the stored one (when either is
    non-zero) fails: the passkey may have been cloned.
    """
    webauthn = settings.WEBAUTHN
    try:
        return verify_authentication_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge.challenge),
            expected_rp_id=webauthn["RP_ID"],
            expected_origin=webauthn["ORIGIN"],
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
        )
    except LIBRARY_ERRORS as error:
        raise _failed(error) from error
