from django.urls import include, path

from bench_project.floor import FloorMeView

urlpatterns = [
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.authtoken")),
    path("auth/", include("djoser.urls.jwt")),
    path("floor/me/", FloorMeView.as_view()),
]
