"""Rate limits on djoser's endpoints, set per action in ``THROTTLE_RATES``.

Each limited request is counted twice: once for the client's address (as DRF
sees it, so ``NUM_PROXIES`` applies) and once for every account the request
names (a login name, an email address, the uid of a link, the signed-in user).
(With ``NUM_PROXIES`` unset, only the connecting address counts.)
A request over either limit answers 429 with ``Retry-After`` before the view
runs, and counts against nothing. Logins count failed attempts only.

Counters live in Django's default cache: processes that serve the same site
must share it (Redis, Memcached, the database), or each keeps its own counts.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from djoser.conf import settings
from djoser.utils import decode_uid

# Logins: only failed attempts count, so signing in often is never limited.
LOGIN_ACTIONS = {"token_create", "social", "webauthn_login"}


def _name(value):
    # Only a plain string or number names an account; the serializer refuses
    # anything else. Case is folded so "Bob" and "bob" share one counter.
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value).strip().lower() or None


def _body_names(request, field_names):
    # A malformed body raises DRF's ParseError here: the same 400 the view
    # would answer, and nothing is counted.
    data = request.data
    if not hasattr(data, "get"):
        return []
    names = (_name(data.get(field)) for field in field_names)
    return list(dict.fromkeys(name for name in names if name))


def login_names(request):
    """The login names in the body: the token and JWT logins read different fields."""
    user_model = get_user_model()
    return _body_names(request, [settings.LOGIN_FIELD, user_model.USERNAME_FIELD])


def email_addresses(request):
    return _body_names(request, [get_user_model().get_email_field_name()])


def link_uids(request):
    """The user id a link's uid decodes to, so encodings of one id share a count."""
    names = []
    for uid in _body_names(request, ["uid"]):
        try:
            names.append(decode_uid(uid))
        except (ValueError, TypeError):
            names.append(uid)
    return names


def credential_ids(request):
    """The passkey a login answers with; ids are base64url, so case is kept."""
    data = request.data
    value = data.get("id") if hasattr(data, "get") else None
    return [value] if isinstance(value, str) and value else []


def signed_in_user(request):
    user = request.user
    return [str(user.pk)] if user.is_authenticated else []


# How each action names the account a request is about; actions not listed
# are counted per client address only.
ACCOUNT_NAMES = {
    "token_create": login_names,
    "webauthn_login": credential_ids,
    "user_create": email_addresses,
    "password_reset": email_addresses,
    "username_reset": email_addresses,
    "activation": link_uids,
    "password_reset_confirm": link_uids,
    "username_reset_confirm": link_uids,
    "set_password": signed_in_user,
    "set_username": signed_in_user,
    "user_delete": signed_in_user,
}


class DjoserRateThrottle(SimpleRateThrottle):
    """Counts the requests of one action per identity ``get_idents`` gives.

    Unlike DRF's throttles, ``allow_request`` only checks: ``record`` counts
    the request, so a request refused by one limit counts against none, and a
    login can be counted once its answer shows that it failed.
    """

    cache_format = "djoser_throttle_%(scope)s_%(ident)s"
    kind = ""

    def __init__(self, action, rate):
        self.scope = f"{action}_{self.kind}"
        self.rate = rate
        try:
            super().__init__()
        except (ValueError, KeyError, IndexError):
            raise ImproperlyConfigured(
                f"DJOSER THROTTLE_RATES[{action!r}] = {rate!r} is not a rate "
                'such as "5/hour".'
            ) from None
        self.action = action

    def get_idents(self, request, view):
        raise NotImplementedError

    def cache_keys(self, request, view):
        return [
            self.cache_format % {"scope": self.scope, "ident": _digest(ident)}
            for ident in self.get_idents(request, view)
        ]

    def allow_request(self, request, view):
        keys = self.cache_keys(request, view)
        return self.allow(keys, self.cache.get_many(keys) if keys else {})

    def allow(self, keys, stored):
        """Whether every counter in ``keys`` has room, given their cached histories."""
        self.now = self.timer()
        window_start = self.now - self.duration
        self.histories = {
            key: [at for at in stored.get(key, []) if at > window_start] for key in keys
        }
        return all(len(h) < self.num_requests for h in self.histories.values())

    def wait(self):
        """Seconds until every full counter has a free slot again."""
        # Histories are newest first: the entry at num_requests - 1 is the
        # last one that must leave the window before a request fits.
        waits = [
            self.duration - (self.now - history[self.num_requests - 1])
            for history in self.histories.values()
            if len(history) >= self.num_requests
        ]
        return max([1, *waits])

    def record(self):
        for key, history in self.histories.items():
            self.cache.set(key, [self.now, *history], self.duration)


def _digest(ident):
    # Hashed: names may be long or unicode, and cache backends limit keys.
    # surrogatepass: a JSON body may carry a lone surrogate such as \\ud800.
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()


class ClientThrottle(DjoserRateThrottle):
    """Per client address; with ``NUM_PROXIES``, from ``X-Forwarded-For``."""

    kind = "client"

    def get_idents(self, request, view):
        if api_settings.NUM_PROXIES is None:
            # DRF would trust any X-Forwarded-For a client writes, so a new
            # header per request would dodge the limit: count the connection.
            return [request.META.get("REMOTE_ADDR", "")]
        return [self.get_ident(request)]


class AccountThrottle(DjoserRateThrottle):
    """Per account the request names, so many addresses share one limit."""

    kind = "account"

    def get_idents(self, request, view):
        return ACCOUNT_NAMES[self.action](request)


def throttles_for(action):
    """The throttles THROTTLE_RATES sets for ``action``; none when its rate is None."""
    try:
        rate = settings.THROTTLE_RATES[action]
    except KeyError:
        raise ImproperlyConfigured(
            f"DJOSER THROTTLE_RATES has no rate for {action!r}."
        ) from None
    if rate is None:
        return []
    throttles = [ClientThrottle(action, rate)]
    if action in ACCOUNT_NAMES:
        throttles.append(AccountThrottle(action, rate))
    return throttles


def _failed(response):
    return 400 <= response.status_code < 500


class ThrottleMixin:
    """Limits a DRF view by the THROTTLE_RATES row its ``throttle_action`` names.

    The project's own ``throttle_classes`` still apply, before these.
    """

    throttle_action = None

    def get_throttle_action(self):
        return self.throttle_action

    def check_throttles(self, request):
        super().check_throttles(request)
        # OPTIONS only describes the endpoint: it neither counts nor is refused.
        if request.method == "OPTIONS":
            return
        action = self.get_throttle_action()
        throttles = throttles_for(action)
        keys = {throttle: throttle.cache_keys(request, self) for throttle in throttles}
        # One cache read for every counter the request touches.
        every_key = [key for throttle_keys in keys.values() for key in throttle_keys]
        stored = DjoserRateThrottle.cache.get_many(every_key) if every_key else {}
        waits = [t.wait() for t in throttles if not t.allow(keys[t], stored)]
        if waits:
            self.throttled(request, max(waits))
        if action in LOGIN_ACTIONS:
            self._throttles_counting_failure = throttles
        else:
            for throttle in throttles:
                throttle.record()

    def finalize_response(self, request, response, *args, **kwargs):
        # A right password whose login waits for its second step (djoser.mfa)
        # is not a failed attempt.
        if _failed(response) and not getattr(request, "second_step_pending", False):
            for throttle in getattr(self, "_throttles_counting_failure", ()):
                throttle.record()
        return super().finalize_response(request, response, *args, **kwargs)


class SocialThrottleMixin(ThrottleMixin):
    """For social login views: limited by THROTTLE_RATES["social"]."""

    throttle_action = "social"


class WebauthnLoginThrottleMixin(ThrottleMixin):
    """For passkey login views: limited by THROTTLE_RATES["webauthn_login"]."""

    throttle_action = "webauthn_login"
