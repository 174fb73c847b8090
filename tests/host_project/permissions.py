from rest_framework.permissions import BasePermission

INVITE_HEADER = "X-Invite-Code"
INVITE_CODE = "host-invite"


class InvitedOnly(BasePermission):
    """Registration needs the host's invite code."""

    message = "An invite code is required."

    def has_permission(self, request, view):
        return request.headers.get(INVITE_HEADER) == INVITE_CODE
