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
    if is_on():
        # Imported here: the models exist only where the app is installed.
        from djoser.sessions.logins import start_session

        credential = start_session(request, user, kind, credential)
    # Imported here: reauthentication reads this module's sessions.
    from djoser.reauthentication.credentials import mark_login

    # For an account with nothing else to prove with, the login is its proof.
    mark_login(user, credential, kind)
    return credential


def revoke_current_session(request, reason):
    """Revoke the session ``request`` was made with, if it has one (a logout).

    Only the session's row: the logout deletes the token it was made with.
    """
    if not is_on():
        return
    from djoser.sessions.logins import current_sessions

    current_sessions(request).revoke(reason)
