"""The messages of an email change; the EMAIL setting names them.

Each is rendered from its template like djoser's other emails, so a project
overrides ``email/email_change.html`` and the others the same way. Their
context has ``old_address`` and ``new_address`` besides the usual values.
"""

from djoser import utils
from djoser.conf import settings
from djoser.email import BaseDjoserEmail
from djoser.email_change.tokens import (
    email_change_token_generator,
    email_change_undo_token_generator,
)


class EmailChangeBaseEmail(BaseDjoserEmail):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("old_address", "")
        context.setdefault("new_address", "")
        context["support_contact"] = settings.EMAIL_CHANGE_SUPPORT_CONTACT
        return context


class EmailChangeEmail(EmailChangeBaseEmail):
    """To the new address: the link that switches the account over to it."""

    template_name = "email/email_change.html"
    token_generator = email_change_token_generator
    url_setting = "EMAIL_CHANGE_CONFIRM_URL"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = context["user"]
        context["uid"] = utils.encode_uid(user.pk)
        context["token"] = self.token_generator.make_token(user, context["new_address"])
        context["url"] = self.format_url(context)
        return context


class EmailChangedNoticeEmail(EmailChangeBaseEmail):
    """To the old address, once the change is made.

    With EMAIL_CHANGE_UNDO_URL set it carries ``undo_url``: a link that puts
    the old address back and locks out whoever made the change.
    """

    template_name = "email/email_changed_notice.html"
    token_generator = email_change_undo_token_generator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url_format = settings.EMAIL_CHANGE_UNDO_URL
        user = context["user"]
        if url_format is None or user is None or not context["old_address"]:
            return context
        values = {
            "uid": utils.encode_uid(user.pk),
            "token": self.token_generator.make_token(user, context["old_address"]),
        }
        context["undo_url"] = url_format.format(**values)
        return context


class EmailChangeAddressInUseEmail(EmailChangeBaseEmail):
    """To a new address that another account holds, instead of a link."""

    template_name = "email/email_change_address_in_use.html"
