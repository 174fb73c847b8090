"""djoser.social.failures: social-core's failures of every release line, by kind.

The classes of social-core 4.5 to 5.x are made here by name, as the table
matches them, so both generations are checked whichever release is installed.
"""

import pytest
import requests
from django.http import Http404
from rest_framework.exceptions import ValidationError
from social_core.exceptions import SocialAuthBaseException

from djoser.social.failures import (
    KINDS_BY_CLASS,
    KINDS_BY_CODE,
    MESSAGES,
    is_missing_backend,
    kind_of,
    provider_failures,
)


def old_style(name, base=SocialAuthBaseException):
    """An instance of a social-core 4.5-5.x exception class called ``name``."""
    return type(name, (base,), {})()


def new_style(code):
    """A social-core 6.x-7.x exception carrying ``code``."""
    error = SocialAuthBaseException()
    error.code = code
    return error


def http_error(status):
    response = requests.Response()
    response.status_code = status
    return requests.HTTPError(response=response)


def raised_while_handling(cause, error):
    """``error`` as social-core 4.x raises it inside an ``except`` for ``cause``."""
    try:
        try:
            raise cause
        except Exception:
            raise error  # noqa: B904 - the implicit context is the point
    except Exception as raised:
        return raised


@pytest.mark.parametrize(
    "name, kind",
    [
        ("AuthStateForbidden", "state_mismatch"),
        ("AuthStateMissing", "state_mismatch"),
        ("AuthMissingParameter", "missing_parameter"),
        ("AuthCanceled", "canceled"),
        ("AuthForbidden", "refused"),
        ("AuthAlreadyAssociated", "in_use"),
        ("AuthTokenError", "provider_error"),
        ("AuthUnreachableProvider", "unreachable"),
        ("AuthFailed", "failed"),
    ],
)
def test_old_classes_map_by_name(name, kind):
    assert kind_of(old_style(name)) == kind


def test_a_subclass_of_an_old_class_maps_like_its_base():
    base = type("AuthCanceled", (SocialAuthBaseException,), {})

    assert kind_of(type("ProviderSpecificCancel", (base,), {})()) == "canceled"


@pytest.mark.parametrize(
    "code, kind",
    [
        ("state_mismatch", "state_mismatch"),
        ("session_context_missing", "state_mismatch"),
        ("authorization_declined", "canceled"),
        ("authorization_code_rejected", "refused"),
        ("email_in_use", "in_use"),
        ("malformed_response", "provider_error"),
        ("invalid_signature", "provider_error"),
        ("connection_failed", "unreachable"),
        ("timeout", "unreachable"),
        ("unknown_error", "failed"),
        ("a_code_from_a_future_release", "failed"),
    ],
)
def test_new_codes_map_by_code(code, kind):
    assert kind_of(new_style(code)) == kind


@pytest.mark.parametrize(
    "cause, kind",
    [
        (requests.ConnectionError(), "unreachable"),
        (requests.Timeout(), "unreachable"),
        (http_error(400), "refused"),
        (http_error(401), "refused"),
        (http_error(500), "provider_error"),
        (http_error(503), "provider_error"),
        (requests.exceptions.InvalidJSONError(), "provider_error"),
    ],
)
def test_a_requests_error_underneath_decides(cause, kind):
    # social-core 4.x: a closed port raises AuthFailed, an HTTP 400 AuthCanceled.
    error = raised_while_handling(cause, old_style("AuthFailed"))

    assert kind_of(error) == kind


def test_every_kind_in_the_tables_has_a_message():
    kinds = {*KINDS_BY_CODE.values(), *KINDS_BY_CLASS.values(), "failed"}

    assert kinds <= set(MESSAGES)


def test_missing_backend_is_recognised_in_both_generations():
    assert is_missing_backend(old_style("MissingBackend"))
    assert is_missing_backend(new_style("backend_missing"))
    assert not is_missing_backend(new_style("invalid_setting"))


def test_provider_failures_turns_a_missing_backend_into_a_404():
    with pytest.raises(Http404), provider_failures("nope"):
        raise new_style("backend_missing")


@pytest.mark.parametrize(
    "error",
    [
        new_style("timeout"),
        requests.ConnectionError(),
        KeyError("access_token"),
        TypeError("list indices must be integers"),
    ],
)
def test_provider_failures_turns_failures_into_validation_errors(error):
    with pytest.raises(ValidationError) as raised, provider_failures("oidc"):
        raise error

    assert raised.value.detail[0] in MESSAGES.values()


def test_provider_failures_lets_other_errors_through():
    with pytest.raises(ZeroDivisionError), provider_failures("oidc"):
        raise ZeroDivisionError
