from django.urls import include, path

from bench_project.floor import FloorMeView

urlpatterns = [
    path("auth/", include("dj_rest_auth.urls")),
    path("auth/registration/", include("dj_rest_auth.registration.urls")),
    path("floor/me/", FloorMeView.as_view()),
]
