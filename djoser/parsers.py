"""Request parsers for djoser's views: the project's, hardened against hostile JSON.

A JSON body thousands of levels deep makes Python's decoder (and any code
that walks the result) run out of stack, and a ``\\ud800`` escape decodes to
a lone surrogate that no database, password hasher or response can encode.
Both are refused here as unreadable bodies (400), before any view code runs.
"""

import functools

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.settings import api_settings

from djoser.conf import FromSettings

# djoser's bodies nest three levels at most (a passkey response); anything
# past this is not a request meant for us.
MAX_DEPTH = 32

TOO_DEEP_ERROR = _("JSON parse error - the body is nested too deeply.")
SURROGATE_ERROR = _("JSON parse error - the body holds a lone surrogate.")


class HardenedJSONMixin:
    """For a JSON parser: refuse deep nesting and lone surrogates with a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP_ERROR) from None
        check_json_value(data)
        return data


def check_json_value(data):
    """Raise ParseError if ``data`` nests past MAX_DEPTH or holds a lone surrogate.

    Walked with a stack of its own, so no depth can exhaust Python's.
    """
    if not isinstance(data, (dict, list)):
        if isinstance(data, str):
            _check_string(data)
        return
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise ParseError(TOO_DEEP_ERROR)
        # A body's strings are checked where they stand; only containers are
        # pushed, so a flat object (every login) is one pass.
        children = [*value, *value.values()] if isinstance(value, dict) else value
        for child in children:
            if isinstance(child, str):
                if not child.isascii():
                    _check_string(child)
            elif isinstance(child, (dict, list)):
                pending.append((child, depth + 1))


def _check_string(value):
    if value.isascii():
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ParseError(SURROGATE_ERROR) from None


class JSONParser(HardenedJSONMixin, parsers.JSONParser):
    """DRF's JSONParser, refusing deep nesting and lone surrogates."""


@functools.cache
def hardened(parser_class):
    """``parser_class``, or a hardened subclass of it if it parses JSON."""
    if parser_class is parsers.JSONParser:
        return JSONParser
    if issubclass(parser_class, parsers.JSONParser) and not issubclass(
        parser_class, HardenedJSONMixin
    ):
        return type(parser_class.__name__, (HardenedJSONMixin, parser_class), {})
    return parser_class


def default_parser_classes():
    """The project's DEFAULT_PARSER_CLASSES, with every JSON parser hardened."""
    return [
        hardened(parser_class) for parser_class in api_settings.DEFAULT_PARSER_CLASSES
    ]


class HardenedParsersMixin:
    """For a DRF view: parse with ``default_parser_classes()``.

    Read on every request, so a changed REST_FRAMEWORK setting applies; a
    subclass that sets ``parser_classes`` itself gets exactly what it wrote.
    """

    parser_classes = FromSettings(default_parser_classes)
