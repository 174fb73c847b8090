from django.urls import path
from knox import views as knox_views
from rest_framework.authentication import BasicAuthentication

from bench_project.floor import FloorMeView


class LoginView(knox_views.LoginView):
    # With knox's class the only default, the login view needs another way
    # in; knox's guide uses HTTP Basic.
    authentication_classes = [BasicAuthentication]


urlpatterns = [
    path("auth/login/", LoginView.as_view()),
    path("auth/logout/", knox_views.LogoutView.as_view()),
    path("auth/logoutall/", knox_views.LogoutAllView.as_view()),
    path("floor/me/", FloorMeView.as_view()),
]
