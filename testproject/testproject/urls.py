from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.authtoken")),
    path("auth/", include("djoser.urls.jwt")),
    path("auth/webauthn/", include("djoser.webauthn.urls")),
    path(
        "webauthn-example/",
        TemplateView.as_view(template_name="testapp/webauthn_example.html"),
        name="webauthn-example",
    ),
]
