from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # The single-page demo at / and, in DEBUG, its outbox.
    path("", include("demo.urls")),
    path("admin/", admin.site.urls),
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.authtoken")),
    path("auth/", include("djoser.urls.jwt")),
    path("auth/", include("djoser.devicetokens.urls")),
]
