"""Wrong second-step codes, counted per client and per account.

THROTTLE_RATES["mfa_verify"] limits them. The account is known only once the
mfa_token is looked up, so the view checks these itself rather than before
it runs; only failures count, as for the logins.
"""

from djoser.conf import settings
from djoser.throttling import ClientThrottle, DjoserRateThrottle

ACTION = "mfa_verify"


class AccountThrottle(DjoserRateThrottle):
    kind = "account"

    def __init__(self, rate, user):
        super().__init__(ACTION, rate)
        self.user = user

    def get_idents(self, request, view):
        return [str(self.user.pk)]


class VerifyThrottles:
    """The limits one verify request is under, and its failure to count."""

    def __init__(self, request, view):
        self.request = request
        self.view = view
        self.throttles = []

    def check(self, user):
        """Answer 429 when the client, or ``user`` (if known), is over the rate."""
        rate = settings.THROTTLE_RATES.get(ACTION)
        if rate is None:
            return
        self.throttles = [ClientThrottle(ACTION, rate)]
        if user is not None:
            self.throttles.append(AccountThrottle(rate, user))
        waits = [
            throttle.wait()
            for throttle in self.throttles
            if not throttle.allow_request(self.request, self.view)
        ]
        if waits:
            self.view.throttled(self.request, max(waits))

    def record_failure(self):
        for throttle in self.throttles:
            throttle.record()
