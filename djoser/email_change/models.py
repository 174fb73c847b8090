"""What an email change keeps: each confirmed change while it can be undone.

The model belongs to the ``djoser`` app (``djoser/models.py`` imports it),
so a project needs no other entry in INSTALLED_APPS. Rows are written only
while ``EMAIL_CHANGE_UNDO_URL`` is set, and each confirmed change deletes
those whose links have expired.
"""

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailChangeQuerySet(models.QuerySet):
    def undoable(self, user):
        return self.filter(user=user, undone_at__isnull=True)


class EmailChange(models.Model):
    """A confirmed change of an account's address; its undo link names it.

    The link restores ``old_address`` until it is used or expires, whatever
    changes follow (issue 24, finding 5). Using it spends it and every
    later change of the account, so a link of a later change (sent to an
    address the intruder chose) cannot take the account back again.
    """

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    old_address = models.TextField(_("old address"))
    new_address = models.TextField(_("new address"))
    # When the link to the new address was made: what the account gained
    # since then is removed by an undo.
    requested_at = models.DateTimeField(_("requested"))
    changed_at = models.DateTimeField(_("changed"), db_index=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    objects = EmailChangeQuerySet.as_manager()

    class Meta:
        app_label = "djoser"
        verbose_name = _("email change")
        verbose_name_plural = _("email changes")

    def __str__(self):
        return f"{self.old_address} -> {self.new_address}"
