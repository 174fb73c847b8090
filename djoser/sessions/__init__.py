"""Sessions: one row per login, refresh rotation with reuse detection, and
access tokens that end with their session.

An optional app: add ``"djoser.sessions"`` to INSTALLED_APPS and migrate.
Every login path calls ``record_login`` once; it costs nothing where the app
is not installed (or ``DJOSER["SESSIONS"]["ENABLED"]`` is off).
"""

from django.apps import apps as django_apps

from djoser.conf import settings

APP_NAME = "djoser.sessions"


def is_on():
    """Whether logins are recorded: the app is installed and not paused."""
    return django_apps.is_installed(APP_NAME) and settings.SESSIONS["ENABLED"]


def record_login(request, user, kind, credential):
    """Record ``user``'s successful login as a session; return what to answer.

    THE hook of every login path (token, JSON Web Token, passkey, social, the
    second step of two-factor sign-in, and any login added later): call it
    once, after the credential is made and before it is answered.
    ``credential`` is what the login issued:

    - a TOKEN_MODEL token (DRF's Token, a device token): the session is
      bound to it, and ending either ends the other. It is returned as is.
    - a dict with simplejwt's ``"refresh"`` (and ``"access"``) token strings:
      a copy is returned whose tokens carry the session's id.

    Anything else (a project's own token strategy) is recorded unbound and
    returned as is. ``kind`` names the login ("token", "jwt", "passkey",
    "social", "mfa", ...) for the user's list of signed-in devices. Without
    the app the credential comes back untouched.
    """
    if not is_on():
        return credential
    # Imported here: the models exist only where the app is installed.
    from djoser.sessions.logins import start_session

    return start_session(request, user, kind, credential)


def revoke_current_session(request, reason):
    """Revoke the session ``request`` was made with, if it has one (a logout).

    Only the session's row: the logout deletes the token it was made with.
    """
    if not is_on():
        return
    from djoser.sessions.logins import current_sessions

    current_sessions(request).revoke(reason)


def session_id_of(credential):
    """The id of the session a request's JSON Web Token carries, else None.

    None too while sessions are off: the id is then nobody's session.
    """
    if not is_on():
        return None
    from djoser.sessions.tokens import session_id_of

    return session_id_of(credential)


def is_live(session_id, user):
    """Whether session ``session_id`` is live and ``user``'s (one query)."""
    from django.utils import timezone

    from djoser.sessions.models import Session

    owner = Session.objects.live_owner(session_id, timezone.now())
    return owner is not None and owner[0] == getattr(user, "pk", None)


def refresh_ids_to_keep(credential, user):
    """The ids of the refresh tokens that renew ``credential``'s own session.

    ``credential`` is a request's auth, kept when every other credential of
    ``user`` ends (``user_tokens_revoked`` with ``keep``). Only a JSON Web
    Token carrying a live session's id names any: the session's current
    refresh token and, within REUSE_GRACE_PERIOD, the one it just retired.
    Without sessions an access token does not say which refresh token it
    came from, and the answer is empty.
    """
    if credential is None or not is_on():
        return set()
    from django.utils import timezone

    from djoser.sessions.logins import sessions_of_credential

    at = timezone.now()
    ids = set()
    for session in sessions_of_credential(credential, user).live(at):
        ids |= session.refresh_ids(at)
    return ids
