"""Deployment checks djoser.W201 (mail without a timeout) and W202 (challenges)."""

import django
import pytest
from django.core import checks

SMTP = "django.core.mail.backends.smtp.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def deploy_check_ids():
    return {
        message.id
        for message in checks.run_checks(include_deployment_checks=True)
        if message.id.startswith("djoser.")
    }


@pytest.fixture
def mail_backend(settings):
    """``mail_backend(path, timeout)``: the default mailer, as this Django sets it."""

    def apply(backend, timeout=None):
        if django.VERSION >= (6, 1):
            options = {"host": "localhost"}
            if timeout is not None:
                options["timeout"] = timeout
            settings.MAILERS = {"default": {"BACKEND": backend, "OPTIONS": options}}
        else:
            settings.EMAIL_BACKEND = backend
            settings.EMAIL_TIMEOUT = timeout

    return apply


class TestEmailTimeout:
    def test_smtp_without_a_timeout_warns_on_deploy(self, mail_backend):
        mail_backend(SMTP)

        assert "djoser.W201" in deploy_check_ids()

    def test_smtp_with_a_timeout_is_fine(self, mail_backend):
        mail_backend(SMTP, timeout=10)

        assert "djoser.W201" not in deploy_check_ids()

    def test_emails_sent_from_a_worker_are_fine(self, mail_backend, djoser_settings):
        mail_backend(SMTP)
        djoser_settings(EMAIL_TASK_BACKEND="default")

        assert "djoser.W201" not in deploy_check_ids()

    def test_a_backend_other_than_smtp_is_fine(self, mail_backend):
        mail_backend(LOCMEM)

        assert "djoser.W201" not in deploy_check_ids()

    def test_the_plain_check_leaves_it_out(self, mail_backend):
        mail_backend(SMTP)

        assert "djoser.W201" not in {message.id for message in checks.run_checks()}


class TestPasskeyChallengeCap:
    def test_without_a_cap_it_warns_on_deploy(self):
        assert "djoser.W202" in deploy_check_ids()

    def test_with_a_cap_it_is_fine(self, djoser_settings):
        djoser_settings(WEBAUTHN={"MAX_CHALLENGES_PER_CLIENT": 20})

        assert "djoser.W202" not in deploy_check_ids()

    def test_without_the_passkey_app_it_is_fine(self, settings):
        settings.INSTALLED_APPS = [
            app for app in settings.INSTALLED_APPS if app != "djoser.webauthn"
        ]

        assert "djoser.W202" not in deploy_check_ids()


class TestCacheOutage:
    """djoser.I103 says what limited requests answer while the cache is down."""

    def _message(self):
        [message] = [
            message
            for message in checks.run_checks(include_deployment_checks=True)
            if message.id == "djoser.I103"
        ]
        return message.msg

    def test_by_default_every_limited_action_fails_closed(self, djoser_settings):
        djoser_settings(THROTTLE_RATES={"token_create": "5/hour"})

        message = self._message()

        # mfa_verify, reauthentication and djoser.codes' two rates are on by
        # default.
        assert (
            "answer 503 (fail closed): code_confirm, login_code_request, "
            "mfa_verify, reauthentication, token_create." in message
        )
        assert "fail open" not in message

    def test_it_names_the_actions_that_fail_open(self, djoser_settings):
        djoser_settings(
            THROTTLE_RATES={"token_create": "5/hour"},
            THROTTLE_CACHE_OUTAGE={"FAIL_OPEN": ["token_create"]},
        )

        message = self._message()

        assert (
            "answer 503 (fail closed): code_confirm, login_code_request, "
            "mfa_verify, reauthentication;" in message
        )
        assert "go through unlimited (fail open): token_create." in message

    def test_without_limits_it_says_nothing(self, djoser_settings):
        djoser_settings(
            THROTTLE_RATES={
                "mfa_verify": None,
                "reauthentication": None,
                "login_code_request": None,
                "code_confirm": None,
            }
        )

        assert "djoser.I103" not in deploy_check_ids()

    def test_the_plain_check_leaves_it_out(self):
        ids = {message.id for message in checks.run_checks()}

        assert "djoser.I103" not in ids

    @pytest.mark.parametrize(
        "outage,check_id",
        [
            ({"FAIL_OPEN": ["no_such_action"]}, "djoser.E103"),
            ({"FAIL_OPEN": "token_create"}, "djoser.E103"),
            ({"RETRY_AFTER": 0}, "djoser.E104"),
            ({"RETRY_AFTER": "30"}, "djoser.E104"),
            ({"RETRY_AFTER": True}, "djoser.E104"),
        ],
    )
    def test_a_setting_that_makes_no_sense_is_an_error(
        self, djoser_settings, outage, check_id
    ):
        djoser_settings(THROTTLE_CACHE_OUTAGE=outage)

        assert check_id in {message.id for message in checks.run_checks()}


class TestLogoutOnPasswordChange:
    """djoser.W203: with djoser 2.x's default, a stolen token outlives the
    owner's new password (and a DRF token the owner's reset)."""

    def test_off_it_warns_on_deploy(self, djoser_settings):
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=False)

        assert "djoser.W203" in deploy_check_ids()

    def test_on_it_does_not(self, djoser_settings):
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

        assert "djoser.W203" not in deploy_check_ids()

    def test_plain_check_does_not_warn(self, djoser_settings):
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=False)

        assert "djoser.W203" not in {message.id for message in checks.run_checks()}
