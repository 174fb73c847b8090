from rest_framework.permissions import BasePermission

INVITE_HEADER = "X-Invite-Code"
INVITE_CODE = "host-invite"


class InvitedOnly(BasePermission):
    """Registration needs the host's invite code."""

    message = "An invite code is required."

    def has_permission(self, request, view):
        return request.headers.get(INVITE_HEADER) == INVITE_CODE


SUSPENDED_HEADER = "X-Suspended"


class NotSuspended(BasePermission):
    """The host's gateway marks suspended members' requests with a header."""

    message = "This account is suspended."

    def has_permission(self, request, view):
        return SUSPENDED_HEADER not in request.headers
