"""Django login forms that ask for the two-factor code.

The admin (``djoser.mfa.sites``) and any ``LoginView`` (the browsable API's
login, a project's own) use them: the password alone signs in only accounts
without two-factor sign-in, and a staff account without it is refused when
``MFA["REQUIRED_FOR_STAFF"]`` is on, as at the API logins.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from djoser.conf import settings
from djoser.delivery import send_email
from djoser.mfa.login import SecondStepNotSetUp
from djoser.mfa.models import has_mfa
from djoser.mfa.serializers import MFAMessages, accept_code, authenticator_of
from djoser.mfa.sessions import second_step_done
from djoser.mfa.throttling import VerifyThrottles

# As the API's code field: digits, letters, dashes and spaces.
CODE_CHARACTERS = RegexValidator(
    r"^[A-Za-z0-9 -]+\Z", message=MFAMessages.INVALID_CODE_ERROR
)


class SecondStepFormMixin:
    """Adds ``code`` (TOTP or recovery code) to a Django authentication form.

    Wrong codes count against ``THROTTLE_RATES["mfa_verify"]`` per client
    and per account, as at ``mfa/verify/``.
    """

    second_step_messages = {
        "code_required": _(
            "This account has two-factor sign-in: enter a code from your "
            "authenticator app or a recovery code."
        ),
        "code_invalid": MFAMessages.INVALID_CODE_ERROR,
        "mfa_setup_required": SecondStepNotSetUp.default_detail,
        "throttled": _("Too many wrong codes. Try again later."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["code"] = forms.CharField(
            label=_("Two-factor code"),
            required=False,
            max_length=64,
            validators=[CODE_CHARACTERS],
            help_text=_("Only for accounts with two-factor sign-in."),
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
            ),
        )

    def clean(self):
        # The password first: the code is asked only of whoever knows it.
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None:
            self.check_second_step(user, cleaned_data.get("code", ""))
        return cleaned_data

    def check_second_step(self, user, code):
        if not has_mfa(user):
            if settings.MFA["REQUIRED_FOR_STAFF"] and user.is_staff:
                self._refuse("mfa_setup_required")
            return
        if not code:
            self._refuse("code_required")
        throttles = VerifyThrottles(self.request, view=None)
        if throttles.count(user) is not None:
            self._refuse("throttled")
        method = accept_code(user, code, authenticator_of(user))
        if method is None:
            self._refuse("code_invalid")
        throttles.succeeded()
        second_step_done(self.request, user)
        if method == "recovery_code":
            send_email("mfa_recovery_code_used", self.request, user)

    def _refuse(self, name):
        # Nothing of the account is kept for the page that shows the error.
        self.user_cache = None
        raise ValidationError(self.second_step_messages[name], code=name)


class SecondStepAuthenticationForm(SecondStepFormMixin, AuthenticationForm):
    """``AuthenticationForm`` with the two-factor code."""


class SecondStepAdminAuthenticationForm(SecondStepFormMixin, AdminAuthenticationForm):
    """The admin's login form (staff only) with the two-factor code."""
