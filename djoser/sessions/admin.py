from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from djoser.sessions.models import Reasons, Session


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    """Lists sessions and revokes them; they are made by logging in, not here."""

    list_display = (
        "user",
        "kind",
        "device_name",
        "client_address",
        "created",
        "last_used",
        "expires",
        "revoked_at",
        "revoked_reason",
    )
    list_filter = ("kind", "created", "revoked_at", "revoked_reason")
    search_fields = ("device_name", "user_agent", "client_address")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    ordering = ("-created",)
    actions = ["revoke_sessions"]
    readonly_fields = [field.name for field in Session._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(permissions=["delete"], description=_("Revoke the selected sessions"))
    def revoke_sessions(self, request, queryset):
        revoked = 0
        for session in queryset.live():
            session.revoke(Reasons.ADMIN)
            revoked += 1
        self.message_user(
            request, _("Sessions revoked: %(count)d.") % {"count": revoked}
        )
