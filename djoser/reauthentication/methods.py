"""The ways an account can prove, again, that it is its owner's.

The same rule as at login: with two-factor sign-in on, the password alone is
not enough, a code (TOTP or recovery) or a passkey is; without it, the
password or a passkey is. An account with none of them (one that signs in
only through a social provider) has nothing to prove with at
``reauthenticate/``: it signs in again (``"login"``), and the credential that
login issues is fresh (``credentials.mark_login``).
"""

from django.apps import apps

PASSWORD = "password"
PASSKEY = "passkey"
# Not a method of reauthenticate/: sign in again, for an account with none.
LOGIN = "login"


def has_second_factor(user):
    """Whether ``user`` has two-factor sign-in on (one query with djoser.mfa)."""
    if not apps.is_installed("djoser.mfa"):
        return False
    # Imported here: the models exist only where the app is installed.
    from djoser.mfa.models import has_mfa

    return has_mfa(user)


def second_factor_methods(user):
    """The two-factor methods: "totp" and, while codes are left, "recovery_code"."""
    if not has_second_factor(user):
        return []
    from djoser.mfa.login import methods_for

    return methods_for(user)


def has_passkey(user):
    if not apps.is_installed("djoser.webauthn"):
        return False
    return user.passkeys.exists()


def methods_for(user):
    """What ``reauthenticate/`` accepts from ``user``, in the 401's order."""
    methods = second_factor_methods(user)
    if not methods and user.has_usable_password():
        methods = [PASSWORD]
    if has_passkey(user):
        methods.append(PASSKEY)
    return methods
