from django.urls import path

from djoser import unavailable

# djoser.codes is an optional app: without it these routes answer 501 (its
# table does not exist), and manage.py check reports djoser.codes.E001.
if unavailable.app_missing("djoser.codes"):
    views = unavailable.UnavailableViews("codes", app="djoser.codes")
else:
    from djoser.codes import views

# Mounted beside djoser.urls: auth/login/code/request/, auth/users/activation/code/, ...
# Each route answers 404 until its CODES setting turns it on.
urlpatterns = [
    path(
        "login/code/request/",
        views.LoginCodeRequestView.as_view(),
        name="login-code-request",
    ),
    path(
        "login/code/confirm/",
        views.LoginCodeConfirmView.as_view(),
        name="login-code-confirm",
    ),
    path(
        "login/code/resend/",
        views.LoginCodeResendView.as_view(),
        name="login-code-resend",
    ),
    path(
        "users/activation/code/",
        views.ActivationCodeView.as_view(),
        name="user-activation-code",
    ),
    path(
        "users/reset_password_confirm/code/",
        views.PasswordResetCodeView.as_view(),
        name="user-reset-password-code",
    ),
]
