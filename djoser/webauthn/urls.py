from django.urls import path

from djoser import unavailable

# Without the app in INSTALLED_APPS (its models) these routes answer 501, and
# manage.py check reports djoser.E409.
if unavailable.app_missing("djoser.webauthn"):
    views = unavailable.UnavailableViews("webauthn", app="djoser.webauthn")
else:
    from djoser.webauthn import views

urlpatterns = [
    path(
        "signup_request/",
        views.SignupRequestView.as_view(),
        name="webauthn_signup_request",
    ),
    path("signup/<str:ukey>/", views.SignupView.as_view(), name="webauthn_signup"),
    path(
        "login_request/",
        views.LoginRequestView.as_view(),
        name="webauthn_login_request",
    ),
    path("login/", views.LoginView.as_view(), name="webauthn_login"),
    path("passkeys/", views.PasskeyListView.as_view(), name="webauthn_passkey_list"),
    path(
        "passkeys/add_request/",
        views.PasskeyAddRequestView.as_view(),
        name="webauthn_passkey_add_request",
    ),
    path("passkeys/add/", views.PasskeyAddView.as_view(), name="webauthn_passkey_add"),
    path(
        "passkeys/<int:pk>/",
        views.PasskeyDetailView.as_view(),
        name="webauthn_passkey_detail",
    ),
]
