"""The messages of an email change; the EMAIL setting names them.

Each is rendered from its template like djoser's other emails, so a project
overrides ``email/email_change.html`` and the others the same way. Their
context has ``old_address`` and ``new_address`` besides the usual values.
"""

from djoser import utils
from djoser.conf import settings
from djoser.email import BaseDjoserEmail
from djoser.email_change.models import EmailChange
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
        change = self._change(user, context.get("change_id"))
        if url_format is None or change is None:
            return context
        values = {
            "uid": utils.encode_uid(user.pk),
            "token": self.token_generator.make_token(user, change),
        }
        context["undo_url"] = url_format.format(**values)
        return context

    @staticmethod
    def _change(user, change_id):
        # The context holds the id only: it must stay JSON for a task queue.
        if user is None or change_id is None:
            return None
        return EmailChange.objects.filter(pk=change_id, user=user).first()


class EmailChangeUndoneEmail(EmailChangeBaseEmail):
    """To the restored address, after an undo: what the undo removed.

    Its context has ``removed_passkeys`` (their names) and ``removed_mfa``
    (whether two-factor sign-in was turned off) besides the usual values.
    """

    template_name = "email/email_change_undone.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("removed_passkeys", [])
        context.setdefault("removed_mfa", False)
        return context


class EmailChangeAddressInUseEmail(EmailChangeBaseEmail):
    """To a new address that another account holds, instead of a link."""

    template_name = "email/email_change_address_in_use.html"
