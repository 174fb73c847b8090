"""``reauthenticate/`` and, with djoser.webauthn, its passkey options.

Included by ``djoser.urls`` (``djoser.urls.base``), so a project that mounts
djoser's URLs under ``auth/`` has ``auth/reauthenticate/``.
"""

from django.apps import apps
from django.urls import path

from djoser.reauthentication import views

urlpatterns = [
    path("reauthenticate/", views.ReauthenticateView.as_view(), name="reauthenticate"),
]

# The options exist only with the passkey app: without it there is nothing
# to ask a passkey for, and no route answers 501 for it.
if apps.is_installed("djoser.webauthn"):
    from djoser.reauthentication.passkeys import PasskeyOptionsView

    urlpatterns.append(
        path(
            "reauthenticate/passkey_request/",
            PasskeyOptionsView.as_view(),
            name="reauthenticate-passkey-request",
        )
    )
