from django.urls import include, path
from django.views.generic import TemplateView

from bench_project.floor import FloorMeView

urlpatterns = [
    path("auth/", include("dj_rest_auth.urls")),
    path("auth/registration/", include("dj_rest_auth.registration.urls")),
    # The reset email links here; dj-rest-auth's guide has the project name it.
    path(
        "reset/<uidb64>/<token>/",
        TemplateView.as_view(),
        name="password_reset_confirm",
    ),
    path("floor/me/", FloorMeView.as_view()),
]
