"""Notices about the account's two-factor sign-in, sent through djoser.delivery.

Each is a key of the EMAIL setting, so a project can replace it.
"""

from djoser.email import BaseDjoserEmail
from djoser.not_me.links import NotMeLinkMixin


class MFAEnabledEmail(NotMeLinkMixin, BaseDjoserEmail):
    """With NOT_ME_URL set, it carries the link that turns it off again."""

    template_name = "email/mfa_enabled.html"


class MFADisabledEmail(BaseDjoserEmail):
    template_name = "email/mfa_disabled.html"


class RecoveryCodesGeneratedEmail(BaseDjoserEmail):
    template_name = "email/mfa_recovery_codes_generated.html"


class RecoveryCodeUsedEmail(BaseDjoserEmail):
    template_name = "email/mfa_recovery_code_used.html"
