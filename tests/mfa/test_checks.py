"""System checks on DJOSER["MFA"] and the mfa_verify rate."""

from datetime import timedelta

import pytest
from cryptography.fernet import Fernet

from djoser.checks import check_mfa_settings, check_mfa_verify_rate


def ids(messages):
    return [message.id for message in messages]


def test_defaults_pass():
    assert check_mfa_settings() == []


@pytest.mark.parametrize(
    ("key", "value", "check_id"),
    [
        ("DIGITS", 5, "djoser.E502"),
        ("DIGITS", "6", "djoser.E502"),
        ("PERIOD", 0, "djoser.E503"),
        ("DRIFT", -1, "djoser.E504"),
        ("RECOVERY_CODES", 1000, "djoser.E505"),
        ("LOGIN_LIFETIME", 300, "djoser.E506"),
        ("MAX_ATTEMPTS", 0, "djoser.E507"),
        ("ENCRYPTION_KEYS", ["not a fernet key"], "djoser.E508"),
        ("ENCRYPTION_KEYS", [], "djoser.E508"),
        ("ISSUER", "a:b", "djoser.E509"),
        ("REQUIRED_FOR_STAFF", "yes", "djoser.E510"),
    ],
)
def test_bad_value_is_named_by_its_check(djoser_settings, key, value, check_id):
    djoser_settings(MFA={key: value})

    assert ids(check_mfa_settings()) == [check_id]


def test_unknown_key_is_an_error(djoser_settings):
    djoser_settings(MFA={"DIGIT": 8})

    assert ids(check_mfa_settings()) == ["djoser.E501"]


def test_mfa_that_is_not_a_dict_is_an_error(djoser_settings):
    djoser_settings(MFA=["DIGITS"])

    assert ids(check_mfa_settings()) == ["djoser.E501"]


def test_good_values_pass(djoser_settings):
    djoser_settings(
        MFA={
            "DIGITS": 8,
            "LOGIN_LIFETIME": timedelta(minutes=2),
            "ENCRYPTION_KEYS": [Fernet.generate_key(), Fernet.generate_key()],
            "ISSUER": "Example",
        }
    )

    assert check_mfa_settings() == []


def test_deploy_warns_when_wrong_codes_are_not_rate_limited(djoser_settings):
    djoser_settings(THROTTLE_RATES={"mfa_verify": None})

    assert ids(check_mfa_verify_rate()) == ["djoser.W501"]


def test_deploy_check_passes_with_the_default_rate():
    assert check_mfa_verify_rate() == []


def test_checks_are_silent_without_the_app(settings, djoser_settings):
    settings.INSTALLED_APPS = [
        app for app in settings.INSTALLED_APPS if app != "djoser.mfa"
    ]
    djoser_settings(MFA={"DIGITS": 5}, THROTTLE_RATES={"mfa_verify": None})

    assert check_mfa_settings() == check_mfa_verify_rate() == []
