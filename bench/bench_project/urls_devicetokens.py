from django.urls import include, path

from bench_project.urls import urlpatterns as djoser_urlpatterns

urlpatterns = [
    *djoser_urlpatterns,
    path("auth/", include("djoser.devicetokens.urls")),
]
