"""Rate limits on djoser's endpoints, set per action in ``THROTTLE_RATES``.

Each limited request is counted twice: once for the client's address (as DRF
sees it, so ``NUM_PROXIES`` applies) and once for every account the request
names (a login name, an email address, the uid of a link, the signed-in user).
(With ``NUM_PROXIES`` unset, only the connecting address counts.)

Counting is a fixed window: a counter per identity and window of the rate's
length, which the request adds one to *before* the view runs, with the
cache's atomic ``incr`` (``djoser.counters``). A request that takes a counter
over its limit answers 429 with ``Retry-After`` and gives back what it
counted, so it counts against nothing. Logins give their count back when
they succeed: only failed attempts stay counted, yet parallel attempts
cannot all pass before the first failure is written down.

Counters live in Django's default cache: processes that serve the same site
must share it (Redis or Memcached), or each keeps its own counts. While that
cache cannot be reached, a limited request answers 503 with ``Retry-After``
(it fails closed), unless ``THROTTLE_CACHE_OUTAGE["FAIL_OPEN"]`` names its
action, which then goes through unlimited; either way a line is logged.
"""

import functools
import logging
import math

from django.contrib.auth import get_user_model
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as default_cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from djoser import counters, device_proofs, login_backoff, security_notices
from djoser.conf import settings
from djoser.utils import uid_to_pk

logger = logging.getLogger(__name__)

# Logins: only failed attempts stay counted, so signing in often is never
# limited.
LOGIN_ACTIONS = {"token_create", "social", "webauthn_login", "code_confirm"}


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
    """The account a link's uid names, read as the primary-key lookup reads it.

    So "1", "01", " 1", "١" and "１", which all find user 1, share one count.
    A uid that names no valid key is counted as sent (base64 keeps its case).
    """
    data = request.data
    uid = data.get("uid") if hasattr(data, "get") else None
    if isinstance(uid, bool) or not isinstance(uid, (str, int)):
        return []
    uid = str(uid).strip()  # as the serializer's CharField reads it
    try:
        return [str(uid_to_pk(uid, get_user_model()))]
    except (ValueError, TypeError, OverflowError, ValidationError):
        return [uid] if uid else []


def code_accounts(request):
    """The account a code is asked for or confirmed for: a login name, an
    address or a uid (a login code's confirm names none: its token does)."""
    user_model = get_user_model()
    fields = [settings.LOGIN_FIELD, user_model.get_email_field_name()]
    return list(dict.fromkeys([*_body_names(request, fields), *link_uids(request)]))


def new_usernames(request):
    """The USERNAME_FIELD a passkey signup asks for."""
    return _body_names(request, [get_user_model().USERNAME_FIELD])


def signed_in_user(request):
    user = request.user
    return [str(user.pk)] if user.is_authenticated else []


# How each action names the account a request is about; actions not listed
# are counted per client address only. (A passkey login is counted per
# passkey too, but only once its check failed: djoser.webauthn.throttling.)
ACCOUNT_NAMES = {
    "token_create": login_names,
    "webauthn_signup_request": new_usernames,
    "webauthn_login_request": login_names,
    "user_create": email_addresses,
    "password_reset": email_addresses,
    "username_reset": email_addresses,
    "activation": link_uids,
    "password_reset_confirm": link_uids,
    "username_reset_confirm": link_uids,
    "set_password": signed_in_user,
    "set_username": signed_in_user,
    "user_delete": signed_in_user,
    "email_change": signed_in_user,
    "email_change_confirm": link_uids,
    "email_change_undo": link_uids,
    "not_me": link_uids,
    "reauthentication": signed_in_user,
    "login_code_request": code_accounts,
    "code_confirm": code_accounts,
}


class DjoserRateThrottle(SimpleRateThrottle):
    """The counters of one action for the identities ``get_idents`` gives.

    DRF's rate string and clock; the counting itself is ``Reservation``'s,
    so that every throttle of a request is counted in one cache call.
    """

    cache_format = "djoser_throttle_%(scope)s_%(ident)s_%(window)d"
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

    def window(self, now):
        """The number of the window ``now`` falls in, and when that window ends."""
        number = int(now // self.duration)
        return number, (number + 1) * self.duration

    def cache_keys(self, idents, window):
        return [
            self.cache_format
            % {"scope": self.scope, "ident": counters.digest(ident), "window": window}
            for ident in idents
        ]


class LimitsUnavailable(APIException):
    """503: the counters' cache is down and the action fails closed.

    ``wait`` becomes the ``Retry-After`` header, as with DRF's ``Throttled``.
    """

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("Rate limits cannot be checked right now. Try again shortly.")
    default_code = "limits_unavailable"

    def __init__(self, wait):
        super().__init__()
        self.wait = wait


def fails_open(action):
    """Whether ``action`` goes through unlimited while the cache is down."""
    return action in settings.THROTTLE_CACHE_OUTAGE["FAIL_OPEN"]


class Reservation:
    """One request, counted by every throttle of its action.

    ``refused`` says whether it took a counter over its limit, ``wait`` how
    many seconds until that counter's window ends; ``give_back`` uncounts it.
    When the cache is down it raises ``LimitsUnavailable`` (503), or, for an
    action that fails open, counts nothing and refuses nothing.
    """

    def __init__(self, throttles, request, view):
        self.cache = _backend(DjoserRateThrottle.cache)
        self.keys = []
        self.refused = False
        self.wait = 1
        self.filled_names = []
        self.account_counts = {}
        limits = []
        waits = {}
        account_names = {}
        self.window_seconds = 1
        for throttle in throttles:
            now = throttle.timer()
            window, window_end = throttle.window(now)
            idents = throttle.get_idents(request, view)
            keys = throttle.cache_keys(idents, window)
            self.keys += keys
            limits += [throttle.num_requests] * len(keys)
            waits.update(dict.fromkeys(keys, math.ceil(window_end - now)))
            if throttle.kind == "account":
                account_names.update(zip(keys, idents, strict=True))
                self.window_seconds = throttle.duration
        # One cache call for every counter; each counter lives to its window's
        # end, when no request names it any more.
        try:
            counts = counters.add_one(self.cache, self.keys, max([1, *waits.values()]))
        except counters.CacheUnavailable as error:
            self.keys = []
            _outage(throttles[0].action, error)
            return
        over = [
            key
            for key, count, limit in zip(self.keys, counts, limits, strict=True)
            if count > limit
        ]
        self.refused = bool(over)
        self.wait = max([1, *(waits[key] for key in over)])
        self.account_counts = {
            account_names[key]: count
            for key, count in zip(self.keys, counts, strict=True)
            if key in account_names
        }
        # The account names whose counter this request brought to its limit:
        # if it fails, logins of those accounts are refused from now on.
        self.filled_names = [
            account_names[key]
            for key, count, limit in zip(self.keys, counts, limits, strict=True)
            if key in account_names and count == limit
        ]

    def give_back(self):
        if self.keys:
            keys, self.keys = self.keys, []
            try:
                counters.take_one(self.cache, keys)
            except counters.CacheUnavailable as error:
                # The answer stands; the count expires with its window.
                logger.warning("Rate-limit counts not given back: %s", error)


def _outage(action, error):
    """Fail closed (503) or, where the settings say so, open, and log which."""
    if fails_open(action):
        logger.warning(
            "Rate-limit cache unreachable (%s): %s goes through unlimited "
            '(DJOSER THROTTLE_CACHE_OUTAGE["FAIL_OPEN"]).',
            error,
            action,
        )
        return
    wait = settings.THROTTLE_CACHE_OUTAGE["RETRY_AFTER"]
    logger.error(
        "Rate-limit cache unreachable (%s): %s answers 503 with Retry-After %s "
        '(fails closed; see DJOSER THROTTLE_CACHE_OUTAGE["FAIL_OPEN"]).',
        error,
        action,
        wait,
    )
    raise LimitsUnavailable(wait)


def _backend(cache):
    # DRF's throttles hold Django's ``default_cache``, a proxy that looks the
    # cache up again on every attribute read, and that is no instance of its
    # backend's class: counters.add_one would not see Redis behind it.
    if cache is default_cache:
        return caches[DEFAULT_CACHE_ALIAS]
    return cache


class ClientThrottle(DjoserRateThrottle):
    """Per client address; with ``NUM_PROXIES``, from ``X-Forwarded-For``."""

    kind = "client"

    def get_idents(self, request, view):
        if api_settings.NUM_PROXIES is None:
            # DRF would trust any X-Forwarded-For a client writes, so a new
            # header per request would dodge the limit: count the connection.
            return [request.META.get("REMOTE_ADDR", "")]
        return [self.get_ident(request)]


# Logins by name that a device proof for the named account takes out of the
# account's count, into the proof's own (djoser.device_proofs).
PROVABLE_ACTIONS = {"token_create", "webauthn_login_request"}


class AccountThrottle(DjoserRateThrottle):
    """Per account the request names, so many addresses share one limit.

    A request with a device proof for the account is not counted here.
    """

    kind = "account"

    def get_idents(self, request, view):
        names = ACCOUNT_NAMES[self.action](request)
        if self.action in PROVABLE_ACTIONS and device_proofs.proof_for_names(
            request, names
        ):
            return []
        return names


class DeviceProofThrottle(DjoserRateThrottle):
    """Per device proof, for the requests it takes out of the account's count."""

    kind = "device"

    def get_idents(self, request, view):
        names = ACCOUNT_NAMES[self.action](request)
        proof = device_proofs.proof_for_names(request, names)
        return [proof] if proof else []


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
    if not isinstance(rate, str):
        raise ImproperlyConfigured(
            f"DJOSER THROTTLE_RATES[{action!r}] = {rate!r} is not a rate "
            'such as "5/hour".'
        )
    return list(_throttles(action, rate))


@functools.lru_cache(maxsize=256)
def _throttles(action, rate):
    # Built once per action and rate: a throttle only holds its parsed rate
    # (Reservation keeps each request's counts), so requests can share it.
    throttles = [ClientThrottle(action, rate)]
    if action in ACCOUNT_NAMES:
        throttles.append(AccountThrottle(action, rate))
    if action in PROVABLE_ACTIONS:
        throttles.append(DeviceProofThrottle(action, rate))
    return tuple(throttles)


def handled(view, request):
    """Whether ``request`` reaches one of ``view``'s actions (else: 405).

    Viewsets set a handler attribute only for the methods their route maps.
    """
    method = request.method.lower()
    return method in view.http_method_names and hasattr(view, method)


def _succeeded(response):
    return 200 <= response.status_code < 300


class ThrottleMixin:
    """Limits a DRF view by the THROTTLE_RATES row its ``throttle_action`` names.

    The project's own ``throttle_classes`` still apply, before these.
    """

    throttle_action = None

    def get_throttle_action(self):
        return self.throttle_action

    def check_throttles(self, request):
        super().check_throttles(request)
        # OPTIONS only describes the endpoint, and a method the view has no
        # handler for answers 405: neither counts nor is refused.
        if request.method == "OPTIONS" or not handled(self, request):
            return
        action = self.get_throttle_action()
        throttles = throttles_for(action)
        if not throttles:
            return
        if action in LOGIN_ACTIONS:
            self._check_backoff(action, throttles, request)
        reservation = Reservation(throttles, request, self)
        if reservation.refused:
            # A refused request counts against no limit, not even the ones
            # it was under.
            reservation.give_back()
            self.throttled(request, reservation.wait)
        if action in LOGIN_ACTIONS:
            # Counted before the password is checked; given back on success.
            self._login_reservation = reservation

    def _check_backoff(self, action, throttles, request):
        """Refuse a login whose account must still wait (``LOGIN_BACKOFF``)."""
        cache = _backend(DjoserRateThrottle.cache)
        try:
            wait = login_backoff.wait(
                cache, action, throttles, request, self, throttles[0].timer()
            )
        except Exception as error:
            _outage(
                action, counters.CacheUnavailable(f"{type(error).__name__}: {error}")
            )
            return
        if wait:
            self.throttled(request, wait)

    def finalize_response(self, request, response, *args, **kwargs):
        reservation = getattr(self, "_login_reservation", None)
        if reservation is not None:
            # A right password whose login waits for its second step
            # (djoser.mfa) is not a failed attempt either.
            if _succeeded(response) or getattr(request, "second_step_pending", False):
                reservation.give_back()
            else:
                self._record_failure(request, reservation)
        return super().finalize_response(request, response, *args, **kwargs)

    def _record_failure(self, request, reservation):
        action = self.get_throttle_action()
        try:
            login_backoff.record_failure(
                reservation.cache,
                action,
                reservation.account_counts,
                DjoserRateThrottle.timer(),
            )
            if action == "token_create":
                security_notices.notify_login_limit(
                    request, reservation.filled_names, reservation.window_seconds
                )
        except Exception as error:
            # The failed login's answer stands whatever the cache does.
            logger.warning("Failed login not recorded in the cache: %r", error)


class SocialThrottleMixin(ThrottleMixin):
    """For social login views: limited by THROTTLE_RATES["social"]."""

    throttle_action = "social"


class WebauthnLoginThrottleMixin(ThrottleMixin):
    """For passkey login views: limited by THROTTLE_RATES["webauthn_login"]."""

    throttle_action = "webauthn_login"
