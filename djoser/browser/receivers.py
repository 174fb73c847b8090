"""Clear the browser client's cookies when the caller's credentials end.

A logout ends them, and so does anything that revokes the caller's own
tokens through ``user_tokens_revoked`` (a password change with
LOGOUT_ON_PASSWORD_CHANGE, deleting one's account, logging out on every
device). Ending the *other* credentials (``keep``, the caller's own, as
sessions' logout_others does) leaves them. The request is marked here;
``answer_with_cookies`` clears the cookies in the answer. Another
account's revocation (an admin's, an email change undone) leaves the
caller's cookies alone.
"""

from djoser.browser.views import ENDED_ATTRIBUTE


def _mark(request):
    django_request = getattr(request, "_request", request)
    setattr(django_request, ENDED_ATTRIBUTE, True)


def credentials_revoked(sender, user, request=None, keep=None, **kwargs):
    if request is None:
        return
    if keep is not None and keep is getattr(request, "auth", None):
        # Every credential but the caller's ends: its cookies stay.
        return
    caller = getattr(request, "user", None)
    if caller is not None and caller.is_authenticated and caller.pk == user.pk:
        _mark(request)


def logged_out(sender, request=None, **kwargs):
    if request is not None:
        _mark(request)
