import functools
import hashlib

from django.conf import settings as django_settings
from django.db import connections, models, router
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from djoser.conf import settings

DEVICE_NAME_MAX_LENGTH = 200
USER_AGENT_MAX_LENGTH = 200


class Reasons:
    """Why a session was revoked: the values of ``Session.revoked_reason``."""

    LOGOUT = "logout"
    ENDED_BY_USER = "ended_by_user"
    LOGOUT_OTHERS = "logout_others"
    REFRESH_REUSE = "refresh_reuse"
    CREDENTIAL_DELETED = "credential_deleted"
    REVOKED = "revoked"
    # Sent with djoser.signals.user_tokens_revoked by djoser's views.
    PASSWORD_CHANGE = "password_change"
    PASSWORD_RESET = "password_reset"
    LOGOUT_ALL = "logout_all"
    EMAIL_CHANGE_UNDONE = "email_change_undone"
    NOT_ME = "not_me"
    ADMIN = "admin"


def credential_id(token):
    """How a session names the TOKEN_MODEL token its login issued.

    A digest of the primary key, which for DRF's Token is the key itself:
    the sessions table never holds a secret.
    """
    digest = hashlib.sha256(str(token.pk).encode()).hexdigest()[:40]
    return f"{token._meta.label_lower}:{digest}"


class SessionQuerySet(models.QuerySet):
    def live(self, at=None):
        at = at or timezone.now()
        return self.filter(
            Q(expires__isnull=True) | Q(expires__gt=at), revoked_at__isnull=True
        )

    def expired(self, at=None):
        """Sessions past their expiry, and revoked ones: no token of theirs works."""
        at = at or timezone.now()
        return self.filter(Q(expires__lte=at) | Q(revoked_at__lte=at))

    def revoke(self, reason, at=None):
        """Revoke every live session here in one UPDATE; returns how many."""
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True).update(
            revoked_at=at, revoked_reason=reason
        )

    def live_owner(self, session_id, at):
        """``(user id, use due)`` of live session ``session_id``, else None.

        ``use due`` says that LAST_USED_INTERVAL has passed since the last
        use written down. Every request with an access token asks this, so
        it is one query by primary key whose SQL is built once per database:
        compiling a queryset each time would cost more than the query.
        """
        using = router.db_for_read(Session)
        connection = connections[using]
        interval = settings.SESSIONS["LAST_USED_INTERVAL"]
        adapt = connection.ops.adapt_datetimefield_value
        with connection.cursor() as cursor:
            cursor.execute(
                _live_owner_sql(using),
                [adapt(at - interval), session_id, adapt(at)],
            )
            row = cursor.fetchone()
        return None if row is None else (row[0], bool(row[1]))


class Session(models.Model):
    """One successful login of one user, and the credential it issued.

    A JSON Web Token session holds the id of the one refresh token that may
    be used next (``refresh_jti``); the tokens carry the session's id. A
    token session names its TOKEN_MODEL token (``credential``).
    """

    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="login_sessions",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind of login"), max_length=32)
    device_name = models.CharField(
        _("device name"), max_length=DEVICE_NAME_MAX_LENGTH, blank=True
    )
    user_agent = models.CharField(
        _("user agent"), max_length=USER_AGENT_MAX_LENGTH, blank=True
    )
    client_address = models.GenericIPAddressField(
        _("client address"), null=True, blank=True
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True, db_index=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(
        _("why it was revoked"), max_length=32, blank=True
    )
    credential = models.CharField(
        _("credential"), max_length=100, blank=True, db_index=True
    )
    # Refresh rotation: the token that may be used next, the one it replaced
    # and when (a retry of that one within the grace period is no reuse).
    refresh_jti = models.CharField(_("refresh token id"), max_length=64, blank=True)
    previous_refresh_jti = models.CharField(
        _("previous refresh token id"), max_length=64, blank=True
    )
    rotated_at = models.DateTimeField(_("rotated at"), null=True, blank=True)
    # A refresh token from before sessions (without a session id) becomes a
    # session on its first refresh, once: the unique id says which.
    adopted_jti = models.CharField(
        _("adopted refresh token id"), max_length=64, null=True, blank=True, unique=True
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["user", "created"])]

    def __str__(self):
        device = self.device_name or self.user_agent or _("unknown device")
        return f"{self.kind}: {device}"

    def is_live(self, at):
        return self.revoked_at is None and (self.expires is None or self.expires > at)

    def in_grace_period(self, at):
        """Whether ``at`` is within REUSE_GRACE_PERIOD of the last rotation:
        the refresh token it retired may still be presented, as a retry."""
        grace = settings.SESSIONS["REUSE_GRACE_PERIOD"]
        return self.rotated_at is not None and at - self.rotated_at <= grace

    def refresh_ids(self, at):
        """The ids (``jti``) of the refresh tokens that renew this session at
        ``at``: the current one and, within the grace period, the one it retired."""
        ids = {self.refresh_jti}
        if self.in_grace_period(at):
            ids.add(self.previous_refresh_jti)
        return ids - {""}

    def revoke(self, reason, at=None):
        """Revoke this session and delete the TOKEN_MODEL token it issued, if any.

        Ending a DRF Token session deletes the user's one token, which every
        token login of that user shares: those sessions end with it.
        """
        at = at or timezone.now()
        type(self).objects.filter(pk=self.pk).revoke(reason, at)
        self.revoked_at, self.revoked_reason = at, reason
        delete_credentials(self.user_id, {self.credential})

    def record_use(self, at):
        """Write down a use at ``at``, at most once per LAST_USED_INTERVAL."""
        interval = settings.SESSIONS["LAST_USED_INTERVAL"]
        if self.last_used is not None and at - self.last_used < interval:
            return
        # An UPDATE of this column alone: no lost update of a rotation.
        type(self).objects.filter(pk=self.pk).update(last_used=at)
        self.last_used = at


@functools.cache
def _live_owner_sql(using):
    connection = connections[using]
    meta = Session._meta

    def column(name):
        return connection.ops.quote_name(meta.get_field(name).column)

    last_used, expires = column("last_used"), column("expires")
    return (
        f"SELECT {column('user')}, CASE WHEN {last_used} IS NULL OR "
        f"{last_used} < %s THEN 1 ELSE 0 END "
        f"FROM {connection.ops.quote_name(meta.db_table)} "
        f"WHERE {column('id')} = %s AND {column('revoked_at')} IS NULL "
        f"AND ({expires} IS NULL OR {expires} > %s)"
    )


def delete_credentials(user_id, credentials):
    """Delete ``user_id``'s TOKEN_MODEL tokens that ``credentials`` name."""
    token_model = settings.TOKEN_MODEL
    credentials = {credential for credential in credentials if credential}
    if token_model is None or not credentials:
        return
    for token in token_model._default_manager.filter(user_id=user_id):
        if credential_id(token) in credentials:
            token.delete()
