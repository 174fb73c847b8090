from django.contrib import admin

from djoser.devicetokens.models import DeviceToken


@admin.register(DeviceToken)
class DeviceTokenAdmin(admin.ModelAdmin):
    """Shows and revokes tokens; the key is never stored, so never shown.

    Tokens are issued by logging in, not here: a key made in the admin would
    have to be shown to whoever made it.
    """

    list_display = ("prefix", "device_name", "user", "created", "last_used", "expires")
    list_filter = ("created", "expires")
    search_fields = ("prefix", "device_name")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    fields = ("prefix", "device_name", "user", "created", "last_used", "expires")
    readonly_fields = ("prefix", "user", "created", "last_used")
    ordering = ("-created",)

    def has_add_permission(self, request):
        return False
