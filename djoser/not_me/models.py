"""What the "this was not me" links keep: each new authenticator announced.

The model belongs to the ``djoser`` app (``djoser/models.py`` imports it),
so a project needs no other entry in INSTALLED_APPS. Rows are written only
while ``NOT_ME_URL`` is set, and each new one deletes those whose links
have expired.
"""

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NewAuthenticatorQuerySet(models.QuerySet):
    def unused(self, user):
        return self.filter(user=user, used_at__isnull=True)


class NewAuthenticator(models.Model):
    """An authenticator whose notice carries a "this was not me" link.

    It names the authenticator by kind, primary key and the time it was
    added: a primary key may be given again to a later authenticator (SQLite
    reuses the highest), the time it was added is not, so a link never
    removes one the owner added afterwards.
    """

    # What ``kind`` holds: djoser.mfa's authenticator app, a passkey.
    TOTP = "totp"
    PASSKEY = "passkey"

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20)
    authenticator_id = models.BigIntegerField(_("authenticator id"))
    added_at = models.DateTimeField(_("added"))
    created = models.DateTimeField(_("created"), db_index=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    objects = NewAuthenticatorQuerySet.as_manager()

    class Meta:
        app_label = "djoser"
        verbose_name = _("new authenticator")
        verbose_name_plural = _("new authenticators")

    def __str__(self):
        return f"{self.kind} {self.authenticator_id}"
