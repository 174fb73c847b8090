"""The browser client: djoser's endpoints with credentials in HttpOnly cookies.

Mount it under a prefix of its own, beside the app client's modules::

    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.jwt")),
    path("auth/browser/", include("djoser.urls.browser")),

Under that prefix are ``csrf/`` (GET: the CSRF token) and the endpoints of
every feature the project has installed, at the paths the app client's
modules give them, named in the ``browser`` namespace
(``reverse("browser:jwt-create")``). See djoser.browser.
"""

from django.urls import include, path

from djoser import unavailable
from djoser.browser.routes import browser_patterns
from djoser.browser.views import CSRFTokenView

app_name = "browser"


def _always():
    return True


def _installed(app):
    return lambda: not unavailable.app_missing(app)


def _importable(package):
    return lambda: not unavailable.package_missing(package)


# (path prefix, URL module, whether the project has the feature): the app
# client's modules the browser client serves too.
FEATURES = [
    ("", "djoser.urls.base", _always),
    ("", "djoser.urls.authtoken", _always),
    ("", "djoser.client_config.urls", _always),
    ("", "djoser.urls.jwt", _importable("rest_framework_simplejwt")),
    ("", "djoser.urls.mfa", _installed("djoser.mfa")),
    ("", "djoser.urls.codes", _installed("djoser.codes")),
    ("", "djoser.devicetokens.urls", _installed("djoser.devicetokens")),
    ("", "djoser.sessions.urls", _installed("djoser.sessions")),
    ("", "djoser.social.urls", _installed("social_django")),
    ("webauthn/", "djoser.webauthn.urls", _installed("djoser.webauthn")),
]

urlpatterns = [
    path("csrf/", CSRFTokenView.as_view(), name="csrf"),
    *(
        path(prefix, include(browser_patterns(urlconf)))
        for prefix, urlconf, available in FEATURES
        if available()
    ),
]
