"""What the server keeps: user handles, passkeys and pending challenges."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _
from webauthn.helpers import bytes_to_base64url

from djoser.conf import settings as djoser_settings

# A credential ID is at most 1023 bytes; this is the length of its base64url.
CREDENTIAL_ID_MAX_LENGTH = 1364


def random_base64url(length):
    return bytes_to_base64url(secrets.token_bytes(length))


class UserHandleManager(models.Manager):
    def for_user(self, user):
        """The account's handle, made on first use (adding a first passkey)."""
        handle, _ = self.get_or_create(
            user=user, defaults={"handle": UserHandle.new_handle()}
        )
        return handle.handle


class UserHandle(models.Model):
    """The WebAuthn user handle of an account: random bytes, not the pk.

    Authenticators store it with discoverable passkeys and hand it back at
    login, so it must reveal nothing about the account.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webauthn_handle",
    )
    handle = models.CharField(_("user handle"), max_length=88, unique=True)

    objects = UserHandleManager()

    class Meta:
        verbose_name = _("user handle")

    def __str__(self):
        return self.handle

    @staticmethod
    def new_handle():
        """A fresh handle: UKEY_LENGTH random bytes, base64url-encoded."""
        return random_base64url(djoser_settings.WEBAUTHN["UKEY_LENGTH"])


class Passkey(models.Model):
    """A credential registered to an account; an account may have several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="passkeys"
    )
    name = models.CharField(_("name"), max_length=64)
    credential_id = models.CharField(
        _("credential ID"), max_length=CREDENTIAL_ID_MAX_LENGTH, unique=True
    )
    public_key = models.BinaryField(_("public key"))
    sign_count = models.PositiveBigIntegerField(_("signature counter"), default=0)
    transports = models.JSONField(_("transports"), default=list, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("passkey")
        ordering = ["created", "pk"]

    def __str__(self):
        return self.name


class ChallengeQuerySet(models.QuerySet):
    def issue(self, ceremony, **fields):
        """Store a new random challenge for ``ceremony``; expired ones go."""
        webauthn = djoser_settings.WEBAUTHN
        self.filter(expires_at__lte=now()).delete()
        return self.create(
            challenge=random_base64url(webauthn["CHALLENGE_LENGTH"]),
            ceremony=ceremony,
            expires_at=now() + webauthn["CHALLENGE_LIFETIME"],
            **fields,
        )

    def consume(self, challenge, **fields):
        """Take the live challenge matching the arguments, or None.

        The row is deleted before it is returned, so each challenge answers
        one response; of two concurrent requests only one gets it.
        """
        found = self.filter(challenge=challenge, expires_at__gt=now(), **fields).first()
        if found is None:
            return None
        deleted, _ = self.filter(pk=found.pk).delete()
        return found if deleted else None


class Challenge(models.Model):
    """A challenge handed out in options and not answered yet."""

    SIGNUP = "signup"
    LOGIN = "login"
    ADD = "add"
    CEREMONIES = [(SIGNUP, _("sign up")), (LOGIN, _("log in")), (ADD, _("add"))]

    challenge = models.CharField(_("challenge"), max_length=128, unique=True)
    ceremony = models.CharField(_("ceremony"), max_length=8, choices=CEREMONIES)
    # Login restricted to one account, or the account a passkey is added to.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True
    )
    # Signup: the handle and name the new account will get.
    user_handle = models.CharField(_("user handle"), max_length=88, blank=True)
    username = models.TextField(_("username"), blank=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        verbose_name = _("challenge")

    def __str__(self):
        return f"{self.ceremony} {self.challenge}"
