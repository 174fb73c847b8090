from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    # The single-page demo at / and, in DEBUG, its outbox.
    path("", include("demo.urls")),
    path("admin/", admin.site.urls),
    path("auth/", include("djoser.social.urls")),
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.authtoken")),
    path("auth/", include("djoser.urls.jwt")),
    path("auth/", include("djoser.devicetokens.urls")),
    path("auth/webauthn/", include("djoser.webauthn.urls")),
    # Signup, login and add-passkey in a browser, against the API above.
    path(
        "webauthn-example/",
        TemplateView.as_view(
            template_name="testapp/webauthn_example.html",
            extra_context={
                "api": "/auth/webauthn/",
                "username_field": get_user_model().USERNAME_FIELD,
            },
        ),
        name="webauthn-example",
    ),
]
