from django.urls import path

from djoser import unavailable

# djoser.mfa is an optional app: without it these routes answer 501 (its
# tables do not exist), and manage.py check reports djoser.E511.
if unavailable.app_missing("djoser.mfa"):
    views = unavailable.UnavailableViews("mfa", app="djoser.mfa")
else:
    from djoser.mfa import views

# Mounted beside djoser.urls: auth/mfa/totp/, auth/mfa/recovery_codes/, ...
urlpatterns = [
    path("mfa/totp/", views.TOTPView.as_view(), name="mfa-totp"),
    path(
        "mfa/recovery_codes/",
        views.RecoveryCodesView.as_view(),
        name="mfa-recovery-codes",
    ),
    path("mfa/verify/", views.VerifyView.as_view(), name="mfa-verify"),
]
