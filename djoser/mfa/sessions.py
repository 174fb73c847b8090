"""Django sessions of accounts with two-factor sign-in.

A session login (the admin, the browsable API, ``CREATE_SESSION_ON_LOGIN``)
of an account with two-factor sign-in counts only once its second step is
done: the session then holds a stamp of the account's authenticator, and
the middleware (``djoser.mfa.middleware``) treats a session without the
current stamp as anonymous. So:

* a session made with the password alone authenticates nothing, now or
  after two-factor sign-in is turned off;
* turning two-factor sign-in on ends every session of the account but the
  one it was turned on with (none of the others holds the new stamp);
* turning it off and on again makes a new authenticator, and a new stamp.
"""

from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.contrib.auth import get_user
from django.contrib.auth.models import AnonymousUser

from djoser.mfa.models import TOTPDevice

SESSION_KEY = "_djoser_mfa_stamp"
# Held by a session whose login skipped the second step: it never counts,
# not even once two-factor sign-in is turned off.
HALF_DONE = "half-done"
# Set on a request whose login passed its second step: the user's pk.
DONE_ATTRIBUTE = "_djoser_mfa_second_step_done"


def stamp_of(user):
    """The stamp a session of ``user`` must hold; None without two-factor sign-in."""
    row = (
        TOTPDevice.objects.confirmed()
        .filter(user=user)
        .values_list("pk", "confirmed_at")
        .first()
    )
    if row is None:
        return None
    pk, confirmed_at = row
    return f"{pk}:{confirmed_at.isoformat() if confirmed_at else ''}"


def second_step_done(request, user):
    """Say that ``request`` proved ``user``'s second factor: the session that
    its ``login()`` makes holds the stamp."""
    setattr(request, DONE_ATTRIBUTE, user.pk)


def stamp_on_login(sender, request, user, **kwargs):
    """On ``user_logged_in``: stamp the new session if the second step was done."""
    session = getattr(request, "session", None)
    if session is None or USER_SESSION_KEY not in session:
        return  # a login that made no session (a token login)
    stamp = stamp_of(user)
    if getattr(request, DONE_ATTRIBUTE, None) == user.pk:
        session[SESSION_KEY] = stamp
    elif stamp is not None:
        session[SESSION_KEY] = HALF_DONE
    else:
        session.pop(SESSION_KEY, None)


def restamp(request, user):
    """Keep the session ``request`` came with (if it is ``user``'s) valid after
    ``user`` turned two-factor sign-in on; every other session ends."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.get(USER_SESSION_KEY) == user._meta.pk.value_to_string(user):
        session[SESSION_KEY] = stamp_of(user)


def checked_user(request):
    """The session's user, or AnonymousUser when its second step is missing."""
    user = get_user(request)
    if not user.is_authenticated:
        return user
    held = request.session.get(SESSION_KEY)
    if held != HALF_DONE:
        stamp = stamp_of(user)
        if stamp is None or held == stamp:
            return user
    return AnonymousUser()
