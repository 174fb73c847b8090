"""What djoser.mfa keeps: each account's authenticator, its recovery codes,
and the logins waiting for their second step."""

import secrets

from django.conf import settings as django_settings
from django.db import connections, models, router
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from djoser.conf import settings
from djoser.mfa import crypto, totp

# Recovery codes: 10 characters of an alphabet without look-alikes (50 bits),
# shown as two groups of five.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 10


class TOTPDeviceQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed=True)


class TOTPDevice(models.Model):
    """An account's authenticator app: its secret, encrypted, and its last code.

    Unconfirmed, it holds the secret offered at enrolment; once a code from
    it is accepted, two-factor sign-in is on for the account.
    """

    user = models.OneToOneField(
        django_settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mfa_totp_device",
        verbose_name=_("user"),
    )
    encrypted_secret = models.TextField(_("encrypted secret"))
    confirmed = models.BooleanField(_("confirmed"), default=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("turned on"), null=True, blank=True)
    # The time step of the last accepted code: no code of it, or before it,
    # is accepted again.
    last_used_step = models.BigIntegerField(_("last used step"), null=True)

    objects = TOTPDeviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    def __str__(self):
        return str(self.user)

    @property
    def secret(self):
        return crypto.decrypt(self.encrypted_secret)

    @classmethod
    def offer(cls, user, secret):
        """Keep ``secret`` as the account's not yet confirmed authenticator."""
        device, _ = cls.objects.update_or_create(
            user=user,
            confirmed=False,
            defaults={
                "encrypted_secret": crypto.encrypt(secret),
                "created": timezone.now(),
                "last_used_step": None,
            },
        )
        return device

    def accept(self, code, at=None):
        """Whether ``code`` is this authenticator's, and not used before.

        The last used step moves in one conditional UPDATE: of requests that
        carry the same code at the same time, exactly one is accepted.
        """
        secret = self.secret
        if secret is None:
            return False
        step = totp.matching_step(secret, code, at)
        if step is None:
            return False
        fresh = Q(last_used_step__isnull=True) | Q(last_used_step__lt=step)
        updated = (
            type(self).objects.filter(fresh, pk=self.pk).update(last_used_step=step)
        )
        if updated:
            self.last_used_step = step
        return bool(updated)

    def already_used(self, code, at=None):
        """Whether ``code`` is this authenticator's, for a step used already.

        ``accept`` refuses such a code (a code works once); this tells the
        user why, so a code that just turned two-factor on, or signed in,
        is not mistaken for a wrong one.
        """
        secret = self.secret
        step = None if secret is None else totp.matching_step(secret, code, at)
        if step is None:
            return False
        self.refresh_from_db(fields=["last_used_step"])
        return self.last_used_step is not None and step <= self.last_used_step

    def confirm(self):
        self.confirmed = True
        self.confirmed_at = timezone.now()
        self.save(update_fields=["confirmed", "confirmed_at"])


def new_recovery_code():
    code = "".join(
        secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH)
    )
    return f"{code[:5]}-{code[5:]}"


def normalize_recovery_code(code):
    """As typed, in any case, with or without the dash and spaces."""
    return code.replace("-", "").replace(" ", "").lower()


class RecoveryCodeQuerySet(models.QuerySet):
    def unused(self):
        return self.filter(used_at__isnull=True)

    def regenerate(self, user):
        """A new set of RECOVERY_CODES codes for ``user``; the old set is gone.

        Answers the codes themselves: they are never stored, only digests.
        """
        codes = [new_recovery_code() for _ in range(settings.MFA["RECOVERY_CODES"])]
        self.filter(user=user).delete()
        self.bulk_create(
            self.model(
                user=user,
                digest=crypto.code_digests(normalize_recovery_code(code))[0],
            )
            for code in codes
        )
        return codes

    def use(self, user, code):
        """Spend ``code`` if it is one of ``user``'s unused codes; whether it was.

        The code is marked used in one conditional UPDATE, so of parallel
        requests carrying it exactly one succeeds.
        """
        digests = crypto.code_digests(normalize_recovery_code(code))
        return bool(
            self.unused()
            .filter(user=user, digest__in=digests)
            .update(used_at=timezone.now())
        )


class RecoveryCode(models.Model):
    """One recovery code of an account, kept as a keyed digest only."""

    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mfa_recovery_codes",
        verbose_name=_("user"),
    )
    digest = models.CharField(_("digest"), max_length=64)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    objects = RecoveryCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        indexes = [models.Index(fields=["user", "digest"])]

    def __str__(self):
        return str(self.user)


class PendingLoginQuerySet(models.QuerySet):
    def live(self, at=None):
        return self.filter(expires__gt=at or timezone.now())

    def start(self, user, kind):
        """A login of ``kind`` waiting for ``user``'s second step; answers the token.

        The token is returned once and stored as its digest only.
        """
        now = timezone.now()
        # Expired logins of this account go; their tokens are dead anyway.
        self.filter(user=user, expires__lte=now).delete()
        token = secrets.token_urlsafe(32)
        self.create(
            digest=crypto.token_digest(token),
            user=user,
            kind=kind,
            created=now,
            expires=now + settings.MFA["LOGIN_LIFETIME"],
        )
        return token

    def find(self, token):
        """The live login ``token`` belongs to, with its user; else None."""
        return (
            self.live()
            .select_related("user")
            .filter(digest=crypto.token_digest(token))
            .first()
        )


class PendingLogin(models.Model):
    """A password (or provider) login that waits for its second step."""

    digest = models.CharField(_("token digest"), max_length=64, unique=True)
    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mfa_pending_logins",
        verbose_name=_("user"),
    )
    # Which login started it, so verify answers what that login would have.
    kind = models.CharField(_("kind"), max_length=20)
    created = models.DateTimeField(_("created"), default=timezone.now)
    expires = models.DateTimeField(_("expires"), db_index=True)
    failed_attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)

    objects = PendingLoginQuerySet.as_manager()

    class Meta:
        verbose_name = _("pending login")
        verbose_name_plural = _("pending logins")

    def __str__(self):
        return f"{self.user} ({self.kind})"

    def record_failure(self):
        """Count a wrong code; at MAX_ATTEMPTS the login is dead."""
        manager = type(self).objects
        manager.filter(pk=self.pk).update(failed_attempts=F("failed_attempts") + 1)
        manager.filter(
            pk=self.pk, failed_attempts__gte=settings.MFA["MAX_ATTEMPTS"]
        ).delete()

    def finish(self):
        """Spend the login; whether this call did (it works once)."""
        deleted, _ = type(self).objects.filter(pk=self.pk).delete()
        return bool(deleted)


def has_mfa(user):
    """Whether ``user`` has two-factor sign-in on: one indexed query.

    Every password login of the site asks this, so it is written as SQL:
    building the same query through the ORM costs some 20 times more CPU
    than running it (bench/mfa_cost.py).
    """
    using = router.db_for_read(TOTPDevice, instance=user)
    connection = connections[using]
    quote = connection.ops.quote_name
    meta = TOTPDevice._meta
    sql = (
        f"SELECT 1 FROM {quote(meta.db_table)} "
        f"WHERE {quote(meta.get_field('user').column)} = %s "
        f"AND {quote(meta.get_field('confirmed').column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, True])
        return cursor.fetchone() is not None


def turn_off(user):
    """Remove ``user``'s authenticator, recovery codes and pending logins."""
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    PendingLogin.objects.filter(user=user).delete()
