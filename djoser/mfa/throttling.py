"""Wrong second-step codes, counted per client and per account.

A request that carries a device proof for the account (djoser.device_proofs)
is counted per proof instead of per account, so strangers holding the
password cannot lock the owner's devices out of the second step.

THROTTLE_RATES["mfa_verify"] limits them. The account is known only once the
mfa_token is looked up, so the view counts the request itself rather than
before it runs: counted first (so parallel guesses cannot all slip in before
one is written down), and given back when the code was right.
"""

from djoser import device_proofs
from djoser.conf import settings
from djoser.throttling import ClientThrottle, DjoserRateThrottle, Reservation

ACTION = "mfa_verify"


class AccountThrottle(DjoserRateThrottle):
    """Per account; a request with a device proof for it counts per proof."""

    kind = "account"

    def __init__(self, rate, user):
        super().__init__(ACTION, rate)
        self.user = user

    def get_idents(self, request, view):
        if device_proofs.proof_for_user(request, self.user):
            return []
        return [str(self.user.pk)]


class DeviceProofThrottle(AccountThrottle):
    kind = "device"

    def get_idents(self, request, view):
        proof = device_proofs.proof_for_user(request, self.user)
        return [proof] if proof else []


class VerifyThrottles:
    """The limits one request is under; failures stay counted."""

    def __init__(self, request, view):
        self.request = request
        self.view = view
        self.reservation = None

    def check(self, user):
        """Count the request; answer 429 when the client or ``user`` is over."""
        wait = self.count(user)
        if wait is not None:
            self.view.throttled(self.request, wait)

    def count(self, user):
        """Count the request; the seconds to wait if it is over a limit, else None."""
        rate = settings.THROTTLE_RATES.get(ACTION)
        if rate is None:
            return None
        throttles = [ClientThrottle(ACTION, rate)]
        if user is not None:
            throttles += [AccountThrottle(rate, user), DeviceProofThrottle(rate, user)]
        self.reservation = Reservation(throttles, self.request, self.view)
        if self.reservation.refused:
            self.reservation.give_back()
            return self.reservation.wait
        return None

    def succeeded(self):
        """The request was right: it counts against nothing."""
        if self.reservation is not None:
            self.reservation.give_back()
