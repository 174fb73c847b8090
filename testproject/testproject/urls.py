from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)

urlpatterns = [
    # The single-page demo at / and, in DEBUG, its outbox.
    path("", include("demo.urls")),
    path("admin/", admin.site.urls),
    path("auth/", include("djoser.social.urls")),
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.authtoken")),
    path("auth/", include("djoser.urls.jwt")),
    path("auth/", include("djoser.devicetokens.urls")),
    path("auth/", include("djoser.urls.mfa")),
    path("auth/", include("djoser.sessions.urls")),
    path("auth/", include("djoser.urls.codes")),
    # What this deployment offers (GET auth/config/), for the demo and clients.
    path("auth/", include("djoser.client_config.urls")),
    path("auth/webauthn/", include("djoser.webauthn.urls")),
    # The browser client (the demo's): the same endpoints, credentials in
    # HttpOnly cookies, CSRF checked.
    path("auth/browser/", include("djoser.urls.browser")),
    # The passkey page of old: the demo app's passkey pages replace it.
    path(
        "webauthn-example/",
        RedirectView.as_view(url="/#/passkey/login"),
        name="webauthn-example",
    ),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The same schema as application/json, which browsers show rather than save.
    path(
        "api/schema.json",
        SpectacularAPIView.as_view(renderer_classes=[OpenApiJsonRenderer2]),
        name="schema-json",
    ),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    # ReDoc, from drf-spectacular-sidecar like Swagger UI: no CDN, no web fonts.
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(
            url_name="schema", template_name="demo/redoc.html"
        ),
        name="redoc",
    ),
]


def not_found(request, exception):
    """An API project: URLs that match no route answer JSON, as the API does."""
    return JsonResponse({"detail": "Not found."}, status=404)


handler404 = not_found
handler500 = "rest_framework.exceptions.server_error"
