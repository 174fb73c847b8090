"""The JSON check of djoser's hardened parsers (``djoser.parsers``), value by value."""

import pytest
from rest_framework.exceptions import ParseError

from djoser.parsers import MAX_DEPTH, check_json_value


def _nested(depth, make):
    value = make()
    innermost = value
    for _ in range(depth - 1):
        child = make()
        if isinstance(innermost, dict):
            innermost["k"] = child
        else:
            innermost.append(child)
        innermost = child
    return value


@pytest.mark.parametrize("make", [list, dict])
def test_containers_nested_to_the_limit_are_accepted(make):
    check_json_value(_nested(MAX_DEPTH, make))


@pytest.mark.parametrize("make", [list, dict])
def test_containers_nested_past_the_limit_are_refused(make):
    with pytest.raises(ParseError, match="nested too deeply"):
        check_json_value(_nested(MAX_DEPTH + 1, make))


@pytest.mark.parametrize(
    "value",
    [
        "\ud800",
        {"password": "\ud800"},
        {"\udc00": "key"},
        ["fine", [{"deep": ["\udfff"]}]],
    ],
)
def test_a_lone_surrogate_anywhere_is_refused(value):
    with pytest.raises(ParseError, match="lone surrogate"):
        check_json_value(value)


@pytest.mark.parametrize(
    "value",
    [
        None,
        5,
        1.5,
        True,
        "plain",
        "žluťoučký 🐎",
        {"a": "é", "b": [1, None, {"c": "ü"}]},
    ],
)
def test_ordinary_values_and_unicode_are_accepted(value):
    check_json_value(value)
