"""The codes djoser.codes has sent and not yet seen used, kept as digests.

A code is ``CODES["LENGTH"]`` characters of an alphabet without look-alikes
(no 0/O, no 1/I/L), drawn with ``secrets``. Only an HMAC of it is stored,
keyed from SECRET_KEY (``salted_hmac``) and bound to the row's token, so a
database dump yields no code and a digest cannot be moved to another row.

Every rule that parallel requests could break is one conditional UPDATE:
a try is counted before the code is compared (so no more than MAX_ATTEMPTS
comparisons ever happen for one token), and spending the code sets
``used_at`` only where it is still unset (so it works once).
"""

import contextlib
import enum
import hashlib
import secrets

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import connections, models
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from djoser import utils
from djoser.codes import names
from djoser.conf import settings

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
KEY_SALT = "djoser.codes.models.EmailCode"


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(settings.CODES["LENGTH"]))


def normalize_code(code):
    """As typed: any case, with spaces or dashes between groups."""
    return "".join(code.split()).replace("-", "").upper()


def _secret_keys():
    # The fallbacks too: a code sent just before a key rotation still works.
    return [
        django_settings.SECRET_KEY,
        *getattr(django_settings, "SECRET_KEY_FALLBACKS", []),
    ]


def code_digest(token_digest, code, secret=None):
    # NUL cannot occur in either part, so they cannot run into each other.
    value = f"{token_digest}\0{code}"
    return salted_hmac(KEY_SALT, value, secret=secret, algorithm="sha256").hexdigest()


def account_digest(identity):
    """Names the account (or the address) a code was asked for, keyed."""
    return salted_hmac(f"{KEY_SALT}.account", identity, algorithm="sha256").hexdigest()


def token_digest(token):
    # Tokens are 256 random bits: a plain hash cannot be reversed.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class Outcome(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    # Used, expired, ended by a newer code, or out of tries.
    DEAD = "dead"


@contextlib.contextmanager
def _turn_of(user):
    """Parallel requests for one account's code, one after the other.

    Each holds the account's row while it ends the code before it and
    writes its own, so a burst leaves one code to type in, not several.
    An unknown address takes the same transaction and the same query, on a
    row that cannot exist: its answer must take no less time than a known
    one's.
    """
    user_model = get_user_model()
    with utils.user_transaction(user_model) as using:
        if user is not None:
            utils.lock_user(user_model, user.pk, using)
        else:
            manager = user_model._default_manager.db_manager(using)
            if connections[using].features.has_select_for_update:
                manager = manager.select_for_update()
            manager.filter(pk=None).first()
        yield


class EmailCodeQuerySet(models.QuerySet):
    def live(self, at=None):
        return self.filter(used_at__isnull=True, expires__gt=at or timezone.now())

    def issue(self, purpose, account, user):
        """A new code of ``purpose``; answers (token, code), neither stored.

        ``account`` is the digest naming who asked (``account_digest``);
        the code asked for before under it ends here. ``user`` is None for
        an address no active account holds: the row is written all the
        same, so the request does the same work, but no code can match it.
        """
        now = timezone.now()
        # Expired codes go: they are dead anyway. (Indexed on expires.)
        self.filter(expires__lte=now).delete()
        token = secrets.token_urlsafe(32)
        code = new_code()
        digest = token_digest(token)
        with _turn_of(user):
            self.filter(purpose=purpose, account=account).delete()
            self.create(
                purpose=purpose,
                token_digest=digest,
                account=account,
                user=user,
                code_digest=code_digest(digest, code),
                created=now,
                expires=now + settings.CODES["LIFETIME"],
            )
        return token, code

    def find(self, purpose, token):
        """The live code ``token`` was given for, with its user; else None."""
        return (
            self.live()
            .select_related("user")
            .filter(purpose=purpose, token_digest=token_digest(token))
            .first()
        )

    def account_asked_for(self, token):
        """The account digest of the login code ``token`` was given for, or None."""
        return (
            self.filter(purpose=names.LOGIN, token_digest=token_digest(token))
            .values_list("account", flat=True)
            .first()
        )

    def latest(self, purpose, user):
        """The live code of ``purpose`` last sent to ``user``, else None."""
        return (
            self.live().filter(purpose=purpose, user=user).order_by("-created").first()
        )


class EmailCode(models.Model):
    """One code sent by email, waiting to be typed in."""

    purpose = models.CharField(_("purpose"), max_length=20)
    token_digest = models.CharField(_("token digest"), max_length=64, unique=True)
    account = models.CharField(_("account digest"), max_length=64, db_index=True)
    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emailed_codes",
        verbose_name=_("user"),
    )
    code_digest = models.CharField(_("code digest"), max_length=64)
    created = models.DateTimeField(_("created"), default=timezone.now)
    expires = models.DateTimeField(_("expires"), db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    objects = EmailCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("emailed code")
        verbose_name_plural = _("emailed codes")

    def __str__(self):
        return f"{self.user} ({self.purpose})"

    def _open(self):
        """This row while its code can still be tried, as a queryset."""
        return (
            type(self)
            .objects.live()
            .filter(pk=self.pk, attempts__lt=settings.CODES["MAX_ATTEMPTS"])
        )

    def try_code(self, code):
        """Check ``code`` against this row; spend it when right.

        The try is counted first, in one conditional UPDATE: of any number
        of parallel tries, only MAX_ATTEMPTS are ever compared. A right
        code is then spent where it is still unspent and unchanged (a
        resend gives a new one), so it works for exactly one request.
        """
        if not self._open().update(attempts=F("attempts") + 1):
            return Outcome.DEAD
        code = normalize_code(code)
        right = self.user_id is not None and any(
            constant_time_compare(
                code_digest(self.token_digest, code, secret), self.code_digest
            )
            for secret in _secret_keys()
        )
        if not right:
            return Outcome.WRONG
        spent = (
            type(self)
            .objects.filter(
                pk=self.pk, used_at__isnull=True, code_digest=self.code_digest
            )
            .update(used_at=timezone.now())
        )
        return Outcome.ACCEPTED if spent else Outcome.DEAD

    def renew(self):
        """A new code for the same token (a resend); None when it is dead.

        The tries already made still count: a token gets MAX_ATTEMPTS in
        all, however often its code is sent again.
        """
        code = new_code()
        digest = code_digest(self.token_digest, code)
        renewed = self._open().update(
            code_digest=digest,
            expires=timezone.now() + settings.CODES["LIFETIME"],
        )
        if not renewed:
            return None
        self.code_digest = digest
        return code
