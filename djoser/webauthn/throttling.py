"""A cap on the passkey challenges one client can have stored at once.

Each options request stores a challenge row until it is answered or expires
(the row is deleted by the next ``issue`` after CHALLENGE_LIFETIME). With
``WEBAUTHN["MAX_CHALLENGES_PER_CLIENT"]`` set, a client address is given at
most that many within one CHALLENGE_LIFETIME, so it holds no more unexpired
ones; past the cap the answer is 429 with ``Retry-After``. It is counted as
djoser's rate limits are (``djoser.throttling``), and no more atomically.
"""

from djoser.conf import settings
from djoser.throttling import ClientThrottle


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
        if cap is None or request.method == "OPTIONS":
            return
        throttle = ChallengeCapThrottle(cap, settings.WEBAUTHN["CHALLENGE_LIFETIME"])
        if not throttle.allow_request(request, self):
            self.throttled(request, throttle.wait())
        self._challenge_cap = throttle

    def finalize_response(self, request, response, *args, **kwargs):
        throttle = getattr(self, "_challenge_cap", None)
        # Counted once a challenge is stored: refused requests store none.
        if throttle is not None and response.status_code == 200:
            throttle.record()
        return super().finalize_response(request, response, *args, **kwargs)
