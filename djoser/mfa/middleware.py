"""The middleware that keeps half-done session logins anonymous (see sessions.py)."""

from functools import partial

from asgiref.sync import sync_to_async
from django.utils.functional import SimpleLazyObject

from djoser.mfa.sessions import checked_user

PATH = "djoser.mfa.middleware.SecondStepSessionMiddleware"


class SecondStepSessionMiddleware:
    """Put after ``AuthenticationMiddleware``: a session of an account with
    two-factor sign-in authenticates only once its second step is done.

    Costs one indexed query per request of a signed-in session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(lambda: checked_user(request))
        # Django 5's async views read request.auser() rather than request.user.
        request.auser = partial(sync_to_async(checked_user), request)
        return self.get_response(request)
