"""Two-factor sign-in: an authenticator app (TOTP) and recovery codes.

An optional app (``djoser.mfa``, the ``mfa`` extra). The login views call
``check_second_step`` where they would issue a credential; it costs nothing
where the app is not installed, and one indexed query where it is.
"""

from django.apps import apps as django_apps


def check_second_step(request, user, kind):
    """Refuse the credential when ``user`` must first answer a second step.

    Raises ``djoser.mfa.login.SecondStepRequired`` (a 401 carrying an
    ``mfa_token``) for an account with two-factor sign-in on; ``kind`` names
    the login ("token", "jwt", "social") whose answer ``mfa/verify/`` gives.
    A "passkey" login asks for no code (the passkey is a second factor) but
    is refused, like the others, to a staff account without two-factor
    sign-in when ``MFA["REQUIRED_FOR_STAFF"]`` is on.
    """
    if user is None or not django_apps.is_installed("djoser.mfa"):
        return
    # Imported here: the models exist only where the app is installed. (The
    # registry is imported under another name: djoser.mfa.apps is a module.)
    from djoser.mfa.login import require_second_step

    require_second_step(request, user, kind)
