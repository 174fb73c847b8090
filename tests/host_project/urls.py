from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from tests.host_project.views import HostTokenCreateView, HostUserViewSet

router = DefaultRouter()
router.register("users", HostUserViewSet)

urlpatterns = [
    re_path(r"^auth/token/login/?$", HostTokenCreateView.as_view(), name="login"),
    path("auth/", include("djoser.urls.authtoken")),
    path("auth/", include(router.urls)),
]
