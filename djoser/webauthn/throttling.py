"""Passkey limits: failed checks of one passkey, and the challenges a client holds.

A passkey login is counted per client address before it runs (the
``webauthn_login`` row, as every login). It is counted against the passkey
it names only once that passkey is registered and its assertion was checked
and failed: an id nobody registered counts against the address alone. A
passkey's count refuses only assertions that fail their check; one whose
signature verifies is never refused by it, so forged assertions naming a
passkey cannot lock its owner out (and counts never touch password logins).


Each options request stores a challenge row until it is answered or expires
(the row is deleted by the next ``issue`` after CHALLENGE_LIFETIME). With
``WEBAUTHN["MAX_CHALLENGES_PER_CLIENT"]`` set, a client address is given at
most that many within one CHALLENGE_LIFETIME, so it holds no more unexpired
ones; past the cap the answer is 429 with ``Retry-After``. It is counted as
djoser's rate limits are (``djoser.throttling``): atomically, before the
challenge is made, and given back when none is stored.
"""

from rest_framework.exceptions import Throttled

from djoser.conf import settings
from djoser.throttling import (
    ClientThrottle,
    DjoserRateThrottle,
    Reservation,
    handled,
)

LOGIN_ACTION = "webauthn_login"


class PasskeyThrottle(DjoserRateThrottle):
    """Failed checks of one registered passkey."""

    kind = "account"

    def __init__(self, rate, passkey):
        super().__init__(LOGIN_ACTION, rate)
        self.passkey = passkey

    def get_idents(self, request, view):
        return [self.passkey.credential_id]


def count_failed_check(request, view, passkey):
    """Count a failed check of ``passkey``; 429 once its count is over the rate.

    Called only after the assertion was verified against the passkey's key
    and failed: an assertion that verifies never reaches it.
    """
    rate = settings.THROTTLE_RATES.get(LOGIN_ACTION)
    if rate is None or request is None:
        return
    reservation = Reservation([PasskeyThrottle(rate, passkey)], request, view)
    if reservation.refused:
        reservation.give_back()
        raise Throttled(wait=reservation.wait)


class ChallengeCapThrottle(ClientThrottle):
    """Challenges given to one client address within one CHALLENGE_LIFETIME."""

    def __init__(self, cap, lifetime):
        super().__init__("webauthn_challenges", (cap, lifetime.total_seconds()))

    def parse_rate(self, rate):
        return rate


class ChallengeCapMixin:
    """For a view whose success stores one challenge: caps them per client."""

    def check_throttles(self, request):
        super().check_throttles(request)
        cap = settings.WEBAUTHN["MAX_CHALLENGES_PER_CLIENT"]
        if cap is None or request.method == "OPTIONS" or not handled(self, request):
            return
        throttle = ChallengeCapThrottle(cap, settings.WEBAUTHN["CHALLENGE_LIFETIME"])
        reservation = Reservation([throttle], request, self)
        if reservation.refused:
            reservation.give_back()
            self.throttled(request, reservation.wait)
        self._challenge_cap = reservation

    def finalize_response(self, request, response, *args, **kwargs):
        reservation = getattr(self, "_challenge_cap", None)
        # Counted before the challenge is made; an answer that stored none
        # gives its count back.
        if reservation is not None and response.status_code != 200:
            reservation.give_back()
        return super().finalize_response(request, response, *args, **kwargs)
