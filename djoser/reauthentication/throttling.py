"""Failed proofs of identity, counted per client address and per account.

THROTTLE_RATES["reauthentication"] limits them wherever they are made: at
``reauthenticate/`` and in the body of a sensitive request. Each proof is
counted before it is checked, so parallel guesses cannot all slip in before
one is written down, and given back when it was right: only failures stay
counted. The counters are their own: a thief's wrong guesses never touch
the owner's login second step (THROTTLE_RATES["mfa_verify"]).
"""

from contextlib import contextmanager

from djoser.throttling import Reservation, throttles_for

ACTION = "reauthentication"


@contextmanager
def counted_proof(request, view):
    """Count the proof checked inside; 429 when the client or account is over.

    The count is given back only when the block ends without an exception.
    """
    throttles = throttles_for(ACTION)
    reservation = Reservation(throttles, request, view) if throttles else None
    if reservation is not None and reservation.refused:
        # A refused request counts against no limit.
        reservation.give_back()
        view.throttled(request, reservation.wait)
    yield
    if reservation is not None:
        reservation.give_back()
