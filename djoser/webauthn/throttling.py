"""A cap on the passkey challenges one client can have stored at once.

Each options request stores a challenge row until it is answered or expires
(the row is deleted by the next ``issue`` after CHALLENGE_LIFETIME). With
``WEBAUTHN["MAX_CHALLENGES_PER_CLIENT"]`` set, a client address is given at
most that many within one CHALLENGE_LIFETIME, so it holds no more unexpired
ones; past the cap the answer is 429 with ``Retry-After``. It is counted as
djoser's rate limits are (``djoser.throttling``): atomically, before the
challenge is made, and given back when none is stored.
"""

from djoser.conf import settings
from djoser.throttling import ClientThrottle, Reservation, handled


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
