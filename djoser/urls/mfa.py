from django.urls import path

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
