"""The messages that carry a code, each a key of the EMAIL setting.

The login code is made by the view and handed in the context. The
activation and password reset codes are made when the message is rendered
(in the request, or on the worker with EMAIL_TASK_BACKEND), so the code
never sits in a task queue.
"""

from django.apps import apps

from djoser.codes import names
from djoser.email import BaseDjoserEmail
from djoser.utils import encode_uid


def code_groups(code):
    """The code as the message shows it: groups of four, easier to copy."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


class CodeEmail(BaseDjoserEmail):
    """A message whose context carries ``code`` (and ``code_display``)."""

    # The purpose a code is made for when the context has none yet.
    purpose = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = context.get("user")
        if "code" not in context and self.purpose is not None and user is not None:
            context["code"] = self.issue_code(user)
        if user is not None and getattr(user, "pk", None) is not None:
            context.setdefault("uid", encode_uid(user.pk))
        context["code_display"] = code_groups(context.get("code") or "")
        return context

    def issue_code(self, user):
        # Without the app (a suite rendering every EMAIL entry) there is no
        # table to keep a code in: the message renders without one.
        if not apps.is_installed("djoser.codes") or user.pk is None:
            return ""
        # Imported here: the models load only where the app is installed.
        from djoser.codes.models import EmailCode, account_digest

        _token, code = EmailCode.objects.issue(
            self.purpose, account_digest(f"{self.purpose}:{user.pk}"), user
        )
        return code


class LoginCodeEmail(CodeEmail):
    template_name = "email/login_code.html"


class ActivationCodeEmail(CodeEmail):
    template_name = "email/activation_code.html"
    purpose = names.ACTIVATION


class PasswordResetCodeEmail(CodeEmail):
    template_name = "email/password_reset_code.html"
    purpose = names.PASSWORD_RESET
