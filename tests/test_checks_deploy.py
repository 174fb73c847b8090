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
