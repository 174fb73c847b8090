from django.contrib.auth import get_user_model
from rest_framework import permissions


class CurrentUserOrAdmin(permissions.IsAuthenticated):
    """Signed-in users may act on their own account; staff on any account."""

    def has_object_permission(self, request, view, obj):
        user = request.user
        return user.is_staff or _is_same_user(obj, user)


class CurrentUserOrAdminOrReadOnly(permissions.IsAuthenticated):
    """Like CurrentUserOrAdmin, but any signed-in user may read any account."""

    def has_object_permission(self, request, view, obj):
        user = request.user
        if request.method in permissions.SAFE_METHODS:
            return True
        return user.is_staff or _is_same_user(obj, user)


def _is_same_user(obj, user):
    # Against the user model, not type(user): session logins give a lazy
    # wrapper around the user and simplejwt's stateless authentication a
    # TokenUser, neither of them an instance of the model. A TokenUser's pk
    # is the token's user id claim, which simplejwt stores as a string.
    return isinstance(obj, get_user_model()) and str(obj.pk) == str(user.pk)
