"""What social-core raises, told apart on every supported release line.

social-core 4.5 to 5.x raise one class per failure (``AuthStateForbidden``,
``AuthCanceled``, ``MissingBackend``...) and let some ``requests`` errors and
unchecked provider data escape; 6.x and 7.x replaced those classes with a few
broad ones carrying a ``code``. Both map here onto a handful of kinds, each
answered with one readable 400, so no provider behaviour ends in a 500.
"""

import logging
from contextlib import contextmanager

import jwt
import requests
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from social_core.exceptions import SocialAuthBaseException

logger = logging.getLogger(__name__)

MESSAGES = {
    "state_missing": _("The state parameter is missing."),
    "state_mismatch": _(
        "The state does not match a login started in this session; "
        "start the login again."
    ),
    "missing_parameter": _("The provider's answer lacks a required parameter."),
    "canceled": _("The login was cancelled at the provider."),
    "refused": _("The provider or this site refused the login."),
    "in_use": _("This identity or email address belongs to another account."),
    "provider_error": _(
        "The provider answered with an error or a response that is not valid."
    ),
    "unreachable": _("The provider could not be reached; try again later."),
    "failed": _("The login with the provider could not be completed."),
    "unverified_email": _(
        "The provider has not verified this email address; verify it there "
        "and sign in again."
    ),
    "invalid_data": _(
        "The provider sent account data this site cannot accept (%(field)s)."
    ),
}

# social-core 6.x and 7.x: the ``code`` of the exception.
KINDS_BY_CODE = {
    "missing_parameter": "missing_parameter",
    "invalid_parameter": "missing_parameter",
    "session_context_missing": "state_mismatch",
    "state_mismatch": "state_mismatch",
    "user_mismatch": "state_mismatch",
    "nonce_mismatch": "state_mismatch",
    "authorization_declined": "canceled",
    "authorization_code_rejected": "refused",
    "credential_rejected": "refused",
    "token_revoked": "refused",
    "reauthentication_required": "refused",
    "email_verification_rejected": "refused",
    "authentication_disallowed": "refused",
    "membership_required": "refused",
    "http_error": "refused",
    "identity_in_use": "in_use",
    "email_in_use": "in_use",
    "username_in_use": "in_use",
    "malformed_response": "provider_error",
    "missing_claim": "provider_error",
    "invalid_claim": "provider_error",
    "invalid_signature": "provider_error",
    "response_expired": "provider_error",
    "response_not_yet_valid": "provider_error",
    "profile_email_missing": "provider_error",
    "connection_failed": "unreachable",
    "timeout": "unreachable",
    "tls_error": "unreachable",
    "rate_limited": "unreachable",
    "unavailable": "unreachable",
}

# social-core 4.5 to 5.x: the exception's class name, or a base class's
# name (looked up by name, since 6.x removed most of these classes).
KINDS_BY_CLASS = {
    "AuthMissingParameter": "missing_parameter",
    "AuthInvalidParameter": "missing_parameter",
    "AuthStateMissing": "state_mismatch",
    "AuthStateForbidden": "state_mismatch",
    "AuthCanceled": "canceled",
    "AuthForbidden": "refused",
    "AuthTokenRevoked": "refused",
    "AuthReauthenticationRequired": "refused",
    "InvalidEmail": "refused",
    "AuthAlreadyAssociated": "in_use",
    "AuthTokenError": "provider_error",
    "AuthUnreachableProvider": "unreachable",
    "AuthConnectionError": "unreachable",
}

# What social-core 4.5 to 5.x raise on provider data they use without
# checking (a token answer without ``access_token``, a list for a dict, an
# ID token that is no JWT).
UNCHECKED_DATA_ERRORS = (
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    ValueError,
    jwt.PyJWTError,
)


def _chain(error):
    """The error, then what it was raised from or while handling."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def _request_kind(error):
    if isinstance(error, (requests.ConnectionError, requests.Timeout)):
        return "unreachable"
    response = getattr(error, "response", None)
    if isinstance(error, requests.HTTPError) and response is not None:
        return "refused" if response.status_code < 500 else "provider_error"
    return "provider_error"


def kind_of(error):
    """The kind of failure ``error`` reports: a key of MESSAGES."""
    # A transport or HTTP error underneath says the most, on every release:
    # 4.x wraps a closed port in AuthFailed and an HTTP 400 in AuthCanceled.
    for link in _chain(error):
        if isinstance(link, requests.RequestException):
            return _request_kind(link)
    code = getattr(error, "code", None)
    if isinstance(code, str) and code in KINDS_BY_CODE:
        return KINDS_BY_CODE[code]
    for cls in type(error).__mro__:
        if cls.__name__ in KINDS_BY_CLASS:
            return KINDS_BY_CLASS[cls.__name__]
    if isinstance(error, SocialAuthBaseException):
        return "failed"
    return "provider_error"


def is_missing_backend(error):
    """Whether ``error`` says no backend of the requested name is configured."""
    names = {cls.__name__ for cls in type(error).__mro__}
    return (
        "MissingBackend" in names or getattr(error, "code", None) == "backend_missing"
    )


def refuse(kind):
    """Answer 400 with the message for ``kind``."""
    raise ValidationError(MESSAGES[kind])


@contextmanager
def provider_failures(provider):
    """Turn a failed step of the provider's flow into a 400 (404: no backend)."""
    try:
        yield
    except SocialAuthBaseException as error:
        if is_missing_backend(error):
            message = _("No social login backend named %(provider)r.")
            raise Http404(message % {"provider": provider}) from error
        kind = kind_of(error)
        logger.info("Social login with %s failed (%s): %r", provider, kind, error)
        raise ValidationError(MESSAGES[kind]) from error
    except requests.RequestException as error:
        kind = _request_kind(error)
        logger.info("Social login with %s failed (%s): %r", provider, kind, error)
        raise ValidationError(MESSAGES[kind]) from error
    except UNCHECKED_DATA_ERRORS as error:
        # Logged with the traceback: this is also what a bug would raise.
        logger.exception("Social login with %s failed on provider data", provider)
        raise ValidationError(MESSAGES["provider_error"]) from error
