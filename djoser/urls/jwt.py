from django.urls import re_path

from djoser import unavailable

# simplejwt is an optional extra: without it these routes answer 501, and
# manage.py check reports djoser.E407.
if unavailable.package_missing("rest_framework_simplejwt"):
    views = jwt_views = unavailable.UnavailableViews(
        "jwt", package="djangorestframework-simplejwt"
    )
else:
    from rest_framework_simplejwt import views

    from djoser import jwt_views

# Anchored at the start only, as in djoser 2.x: the trailing slash is optional.
urlpatterns = [
    re_path(
        r"^jwt/create/?", jwt_views.TokenObtainPairView.as_view(), name="jwt-create"
    ),
    re_path(
        r"^jwt/refresh/?", jwt_views.TokenRefreshView.as_view(), name="jwt-refresh"
    ),
    re_path(r"^jwt/verify/?", views.TokenVerifyView.as_view(), name="jwt-verify"),
    re_path(
        r"^jwt/blacklist/?",
        jwt_views.TokenBlacklistView.as_view(),
        name="jwt-blacklist",
    ),
]
