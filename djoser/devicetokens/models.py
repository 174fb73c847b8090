from django.conf import settings as django_settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from djoser.conf import settings
from djoser.devicetokens import keys
from djoser.utils import lock_user, user_transaction

DEVICE_NAME_MAX_LENGTH = 200


def token_settings():
    return settings.DEVICE_TOKENS


class DeviceTokenQuerySet(models.QuerySet):
    def expired(self, at=None):
        return self.filter(expires__lte=at or timezone.now())

    def live(self, at=None):
        at = at or timezone.now()
        return self.filter(Q(expires__isnull=True) | Q(expires__gt=at))


class DeviceToken(models.Model):
    """One login on one device. The key itself is never stored, only its digest.

    As djoser's ``TOKEN_MODEL`` it changes how login and logout work: each
    login issues a new token (``issue_for_login``) and a logout ends only the
    token the request came with (``logout_tokens``).
    """

    digest = models.CharField(_("key digest"), max_length=64, unique=True)
    prefix = models.CharField(_("key prefix"), max_length=keys.PREFIX_LENGTH)
    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="device_tokens",
        verbose_name=_("user"),
    )
    device_name = models.CharField(
        _("device name"), max_length=DEVICE_NAME_MAX_LENGTH, blank=True
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True, db_index=True)

    objects = DeviceTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("device token")
        verbose_name_plural = _("device tokens")
        indexes = [models.Index(fields=["user", "created"])]

    def __str__(self):
        # Outside the f-string, where makemessages finds it.
        device = self.device_name or _("unnamed device")
        return f"{self.prefix}… ({device})"

    @classmethod
    def issue(cls, user, device_name="", at=None):
        """Create a token for ``user``; the key is on the result as ``.key``, once.

        Past MAX_PER_USER the user's oldest tokens are deleted, expired ones
        with them. Logins of one user take turns here (the user's row is
        locked), so parallel logins cannot leave more than MAX_PER_USER.
        """
        config = token_settings()
        at = at or timezone.now()
        key = keys.generate_key()
        lifetime = config["LIFETIME"]
        token = cls(
            digest=keys.digest(key),
            prefix=keys.display_prefix(key),
            user=user,
            device_name=device_name[:DEVICE_NAME_MAX_LENGTH],
            created=at,
            expires=at + lifetime if lifetime else None,
        )
        with user_transaction(type(user)) as using:
            lock_user(type(user), user.pk, using)
            token.save()
            cls._prune(user, config["MAX_PER_USER"], at)
        token.key = key
        return token

    @classmethod
    def _prune(cls, user, cap, at):
        owned = cls.objects.filter(user=user)
        owned.expired(at).delete()
        if cap is not None:
            newest = owned.order_by("-created", "-pk").values_list("pk", flat=True)
            owned.exclude(pk__in=list(newest[:cap])).delete()

    @classmethod
    def issue_for_login(cls, request, user):
        """The token a login through ``request`` answers with: a new one each time."""
        # Imported here: the serializers module imports this one.
        from djoser.devicetokens.serializers import device_name_for

        return cls.issue(user, device_name_for(request))

    @classmethod
    def logout_tokens(cls, request):
        """The tokens a logout ends: only the one ``request`` was made with."""
        # A plain Django request (no DRF authentication) has no .auth.
        token = getattr(request, "auth", None)
        if isinstance(token, cls):
            return cls.objects.filter(pk=token.pk)
        return cls.objects.none()

    def has_expired(self, at):
        return self.expires is not None and self.expires <= at

    def record_use(self, at):
        """Write down a use at ``at``, at most once per LAST_USED_INTERVAL.

        With SLIDING_RENEWAL the expiry moves to ``at`` + LIFETIME on the same
        write, so it may trail the true last use by up to one interval.
        """
        config = token_settings()
        interval = config["LAST_USED_INTERVAL"]
        if self.last_used is not None and at - self.last_used < interval:
            return
        changes = {"last_used": at}
        if config["SLIDING_RENEWAL"] and config["LIFETIME"]:
            changes["expires"] = at + config["LIFETIME"]
        # An UPDATE of these columns alone: no read, no lost update of others.
        type(self).objects.filter(pk=self.pk).update(**changes)
        for name, value in changes.items():
            setattr(self, name, value)
