"""System checks (``djoser.checks``) that ``manage.py check`` runs."""

import pytest
from django.core import checks

from djoser.conf import RECOMMENDED_THROTTLE_RATES

CORE_ACTIONS = ["token_create", "user_create", "password_reset", "username_reset"]


def deploy_warnings():
    found = checks.run_checks(include_deployment_checks=True)
    return [message for message in found if message.id == "djoser.W301"]


def test_deploy_check_warns_when_logins_and_mail_have_no_limit():
    [warning] = deploy_warnings()

    assert warning.level == checks.WARNING
    for action in CORE_ACTIONS:
        assert action in warning.msg


def test_the_warning_names_the_line_to_add():
    [warning] = deploy_warnings()

    assert '"THROTTLE_RATES": RECOMMENDED_THROTTLE_RATES' in warning.hint
    assert "from djoser.conf import RECOMMENDED_THROTTLE_RATES" in warning.hint


def test_the_recommended_line_silences_the_warning(djoser_settings):
    djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)

    assert deploy_warnings() == []


def test_the_warning_names_only_the_actions_left_unlimited(djoser_settings):
    rates = {**RECOMMENDED_THROTTLE_RATES, "password_reset": None}
    djoser_settings(THROTTLE_RATES=rates)

    [warning] = deploy_warnings()

    assert "password_reset" in warning.msg
    assert "token_create" not in warning.msg


def test_the_check_runs_for_deployments_only():
    found = checks.run_checks(include_deployment_checks=False)

    assert "djoser.W301" not in [message.id for message in found]


@pytest.mark.parametrize(
    "action,app", [("social", "social_django"), ("webauthn_login", "djoser.webauthn")]
)
def test_a_login_whose_app_is_not_installed_needs_no_limit(
    settings, djoser_settings, action, app
):
    djoser_settings(THROTTLE_RATES={**RECOMMENDED_THROTTLE_RATES, action: None})
    assert action in deploy_warnings()[0].msg

    settings.INSTALLED_APPS = [name for name in settings.INSTALLED_APPS if name != app]

    assert deploy_warnings() == []
