"""djoser.codes' system checks."""

import pytest

from djoser.codes.checks import (
    check_codes_delivery,
    check_codes_limits,
    check_codes_settings,
)
from djoser.conf import RECOMMENDED_THROTTLE_RATES


def _ids(messages):
    return [message.id for message in messages]


def test_default_settings_raise_nothing():
    assert check_codes_settings() == []
    assert check_codes_delivery() == []
    assert check_codes_limits() == []


def test_login_kind_outside_login_kinds_is_an_error(djoser_settings):
    djoser_settings(CODES={"LOGIN_KIND": "jwt", "LOGIN_KINDS": ["token"]})

    assert _ids(check_codes_settings()) == ["djoser.codes.E002"]


@pytest.mark.parametrize("length", [5, 33, "8", None])
def test_a_length_out_of_range_is_an_error(djoser_settings, length):
    djoser_settings(CODES={"LENGTH": length})

    assert _ids(check_codes_settings()) == ["djoser.codes.E004"]


@pytest.mark.parametrize("attempts", [0, -1, "3"])
def test_max_attempts_below_one_is_an_error(djoser_settings, attempts):
    djoser_settings(CODES={"MAX_ATTEMPTS": attempts})

    assert _ids(check_codes_settings()) == ["djoser.codes.E005"]


def test_a_use_on_without_the_app_is_an_error(djoser_settings, settings):
    settings.INSTALLED_APPS = [
        app for app in settings.INSTALLED_APPS if app != "djoser.codes"
    ]
    djoser_settings(CODES={"ACTIVATION": True})

    assert _ids(check_codes_settings()) == ["djoser.codes.E006"]


def test_jwt_answers_without_simplejwt_are_an_error(djoser_settings, monkeypatch):
    monkeypatch.setattr(
        "djoser.codes.checks.package_missing",
        lambda name: name == "rest_framework_simplejwt",
    )
    djoser_settings(CODES={"LOGIN": True})

    assert _ids(check_codes_settings()) == ["djoser.codes.E003"]


def test_deploy_warns_while_login_codes_are_sent_in_the_request(djoser_settings):
    djoser_settings(CODES={"LOGIN": True})

    assert _ids(check_codes_delivery()) == ["djoser.codes.W001"]


def test_deploy_is_quiet_with_the_task_backend(djoser_settings):
    djoser_settings(CODES={"LOGIN": True}, EMAIL_TASK_BACKEND="default")

    assert check_codes_delivery() == []


def test_the_default_limits_raise_no_warning_with_codes_on(djoser_settings):
    djoser_settings(CODES={"LOGIN": True, "PASSWORD_RESET": True})

    assert check_codes_limits() == []


@pytest.mark.parametrize(
    "codes, unlimited, named",
    [
        ({"LOGIN": True}, "login_code_request", ["login_code_request"]),
        ({"LOGIN": True}, "code_confirm", ["code_confirm"]),
        ({"PASSWORD_RESET": True}, "code_confirm", ["code_confirm"]),
        ({"ACTIVATION": True}, "login_code_request", []),
    ],
)
def test_deploy_warns_while_a_limit_of_the_codes_on_is_off(
    djoser_settings, codes, unlimited, named
):
    djoser_settings(
        CODES=codes, THROTTLE_RATES={**RECOMMENDED_THROTTLE_RATES, unlimited: None}
    )

    warnings = check_codes_limits()

    assert _ids(warnings) == (["djoser.codes.W002"] if named else [])
    for action in named:
        assert action in warnings[0].msg


def test_activation_by_code_needs_no_activation_url(djoser_settings):
    from djoser.checks import check_email_urls

    djoser_settings(SEND_ACTIVATION_EMAIL=True, ACTIVATION_URL=None)
    assert "djoser.E401" in _ids(check_email_urls())

    djoser_settings(CODES={"ACTIVATION": True})
    assert "djoser.E401" not in _ids(check_email_urls())
