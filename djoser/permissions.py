from django.contrib.auth import get_user_model
from rest_framework import permissions


class CurrentUserOrAdmin(permissions.IsAuthenticated):
    """Signed-in users may act on their own account; staff on any account.

    Staff who are not superusers may read a superuser's account but not
    change or delete it: they could otherwise set its email address to their
    own and reset its password.
    """

    def has_object_permission(self, request, view, obj):
        user = request.user
        if _is_same_user(obj, user):
            return True
        if request.method in permissions.SAFE_METHODS:
            return user.is_staff
        return user.is_staff and _may_change(user, obj)


class CurrentUserOrAdminOrReadOnly(permissions.IsAuthenticated):
    """Like CurrentUserOrAdmin, but any signed-in user may read any account."""

    def has_object_permission(self, request, view, obj):
        user = request.user
        if request.method in permissions.SAFE_METHODS or _is_same_user(obj, user):
            return True
        return user.is_staff and _may_change(user, obj)


def _may_change(user, obj):
    # Only a superuser changes or deletes another superuser.
    return not getattr(obj, "is_superuser", False) or getattr(
        user, "is_superuser", False
    )


def _is_same_user(obj, user):
    # Against the user model, not type(user): session logins give a lazy
    # wrapper around the user and simplejwt's stateless authentication a
    # TokenUser, neither of them an instance of the model. A TokenUser's pk
    # is the token's user id claim, which simplejwt stores as a string.
    return isinstance(obj, get_user_model()) and str(obj.pk) == str(user.pk)
