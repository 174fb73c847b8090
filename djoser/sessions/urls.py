from django.urls import path, re_path

from djoser import unavailable

# Without the app in INSTALLED_APPS (its model) these routes answer 501, and
# manage.py check reports djoser.E901.
if unavailable.app_missing("djoser.sessions"):
    stand_in = unavailable.UnavailableViews("sessions", app="djoser.sessions")

    def session_view(actions):
        return stand_in.SessionViewSet.as_view()

else:
    from djoser.sessions.views import SessionViewSet

    def session_view(actions):
        return SessionViewSet.as_view(actions)


# Mounted beside djoser.urls: auth/sessions/, auth/sessions/{id}/, ...
urlpatterns = [
    path("sessions/", session_view({"get": "list"}), name="session-list"),
    path(
        "sessions/logout_others/",
        session_view({"post": "logout_others"}),
        name="session-logout-others",
    ),
    # Up to 18 digits always fits a 64-bit id; anything else is a 404.
    re_path(
        r"^sessions/(?P<pk>[0-9]{1,18})/$",
        session_view({"delete": "destroy"}),
        name="session-detail",
    ),
]
