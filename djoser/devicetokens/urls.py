from django.urls import re_path
from rest_framework.routers import SimpleRouter

from djoser.devicetokens import views

router = SimpleRouter()
router.register("tokens", views.DeviceTokenViewSet, basename="device-token")

# Like token/login and token/logout: the trailing slash is optional.
urlpatterns = [
    re_path(r"^token/logout_all/?$", views.LogoutAllView.as_view(), name="logout_all"),
    *router.urls,
]
