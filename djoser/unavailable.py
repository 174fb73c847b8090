"""Stand-in views for optional features whose requirement is missing.

``djoser.urls.jwt`` needs the simplejwt package, ``djoser.social.urls`` the
``social_django`` app, ``djoser.webauthn.urls`` the ``djoser.webauthn`` app
and ``djoser.urls.mfa`` the ``djoser.mfa`` app. Without them, importing the
real views would fail while Django loads the URLconf (or, for djoser.mfa,
every request would fail on a missing table), and ``manage.py check`` could
not say why. Instead those URL modules route to these stand-ins: every
request answers 501 naming what is missing, and a system check
(``djoser.checks``) reports the same at startup.
"""

from importlib import import_module

from django.apps import apps
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


def package_missing(module_name):
    """Whether the module ``module_name`` is not installed.

    A module that is there but fails to import raises as usual.
    """
    try:
        import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        return True
    return False


def app_missing(app_name):
    return not apps.is_installed(app_name)


class FeatureUnavailable(APIException):
    status_code = status.HTTP_501_NOT_IMPLEMENTED
    default_code = "feature_unavailable"


class UnavailableView(APIView):
    """Answers 501 to every method: the feature's requirement is missing."""

    # What the feature is (a key of djoser.checks.UNAVAILABLE_FEATURES), and
    # what it lacks: a package to install or an app to add.
    feature = None
    package = None
    app = None

    authentication_classes = []
    permission_classes = [AllowAny]
    # Left out of OpenAPI schemas: the operation does not exist here.
    schema = None

    def unavailable(self, request, *args, **kwargs):
        if self.package is not None:
            message = _("This endpoint needs the {name} package, which is missing.")
            name = self.package
        else:
            message = _("This endpoint needs '{name}' in INSTALLED_APPS.")
            name = self.app
        raise FeatureUnavailable(format_lazy(message, name=name))

    get = post = put = patch = delete = head = options = unavailable


class UnavailableViews:
    """A stand-in for a feature's views module: every attribute is a view
    class answering 501, so the URL module's patterns (routes and names)
    stay as they are, ``views.LoginView.as_view()`` included."""

    def __init__(self, feature, *, package=None, app=None):
        self.attributes = {"feature": feature, "package": package, "app": app}

    def __getattr__(self, name):
        if name.startswith("_") or name == "attributes":
            raise AttributeError(name)
        return type(name, (UnavailableView,), dict(self.attributes))
