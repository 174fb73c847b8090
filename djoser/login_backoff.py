"""Optional exponential back-off on an account's failed logins.

With ``LOGIN_BACKOFF`` set, an account whose per-account count of failed
logins reaches ``AFTER`` within its window must wait before the next login
that names it: ``BASE`` seconds after that failure, twice as long after the
next, and so on, never more than ``MAX``. Meanwhile such a login answers
429 with ``Retry-After``, counts against nothing and checks no password.

It slows guessing long before the rate's limit is reached. It is kept with
the per-account count, so a login that carries a device proof for the
account (``djoser.device_proofs``), which that count leaves out, never
waits; nor does the per-address count ever make anyone wait.
"""

import math

from djoser import counters
from djoser.conf import settings


def _key(action, name):
    return f"djoser_backoff_{action}_{counters.digest(name)}"


def _account_names(throttles, request, view):
    names = []
    for throttle in throttles:
        if throttle.kind == "account":
            names += throttle.get_idents(request, view)
    return names


def wait(cache, action, throttles, request, view, now):
    """Seconds a login must still wait for an account it names; 0 if none."""
    if settings.LOGIN_BACKOFF is None:
        return 0
    names = _account_names(throttles, request, view)
    if not names:
        return 0
    until = cache.get_many([_key(action, name) for name in names]).values()
    return max([0, *(math.ceil(moment - now) for moment in until)])


def record_failure(cache, action, account_counts, now):
    """After a failed login: make each account at ``AFTER`` or past it wait."""
    backoff = settings.LOGIN_BACKOFF
    if backoff is None:
        return
    waits = {}
    for name, count in account_counts.items():
        if count >= backoff["AFTER"]:
            doubling = min(count - backoff["AFTER"], 32)
            waits[name] = min(backoff["MAX"], backoff["BASE"] * 2**doubling)
    for name, seconds in waits.items():
        cache.set(_key(action, name), now + seconds, math.ceil(seconds))
