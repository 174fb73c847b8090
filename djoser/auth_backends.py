from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from djoser.conf import settings


class LoginFieldBackend(ModelBackend):
    """Authenticate by the ``LOGIN_FIELD`` setting instead of USERNAME_FIELD.

    Add it to AUTHENTICATION_BACKENDS when users sign in with a field other
    than the model's USERNAME_FIELD (say, email on Django's default user).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        lookup = {settings.LOGIN_FIELD: username}
        user = user_model._default_manager.filter(**lookup).order_by("pk").first()
        if user is None:
            # Hash anyway so an unknown login costs as long as a wrong password.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
