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
    return isinstance(obj, type(user)) and obj.pk == user.pk
