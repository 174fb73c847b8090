from django.urls import path
from rest_framework.routers import DefaultRouter

from djoser import views
from djoser.email_change import views as email_change_views
from djoser.not_me import views as not_me_views
from djoser.reauthentication import urls as reauthentication_urls

router = DefaultRouter()
# An explicit basename keeps the route names (user-list, user-me, ...) the
# same whatever the user model is called.
router.register("users", views.UserViewSet, basename="user")

urlpatterns = [
    path(
        "users/me/email/",
        email_change_views.EmailChangeView.as_view(),
        name="user-email-change",
    ),
    path(
        "users/me/email/confirm/",
        email_change_views.EmailChangeConfirmView.as_view(),
        name="user-email-change-confirm",
    ),
    path(
        "users/me/email/undo/",
        email_change_views.EmailChangeUndoView.as_view(),
        name="user-email-change-undo",
    ),
    path("users/not_me/", not_me_views.NotMeView.as_view(), name="user-not-me"),
    *reauthentication_urls.urlpatterns,
    *router.urls,
]
