"""Who has two-factor sign-in, and a way to reset it; never a secret."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from djoser.mfa import signals
from djoser.mfa.models import TOTPDevice, turn_off


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    """Authenticator apps by account; deleting one resets two-factor sign-in.

    The encrypted secret and the last used step are never shown.
    """

    list_display = ("user", "confirmed", "confirmed_at", "created")
    list_filter = ("confirmed",)
    fields = ("user", "confirmed", "confirmed_at", "created")
    readonly_fields = fields
    search_fields = (f"user__{get_user_model().USERNAME_FIELD}",)
    actions = ["reset_mfa"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request, action_location=None):
        # Deleting a device alone would leave its recovery codes behind.
        # action_location: Django 6.1 passes where the actions are shown;
        # Django 4.2 to 6.0 do not have the argument.
        where = {} if action_location is None else {"action_location": action_location}
        actions = super().get_actions(request, **where)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        self._reset([obj.user])

    @admin.action(
        description=_("Reset two-factor sign-in of the selected accounts"),
        permissions=["delete"],
    )
    def reset_mfa(self, request, queryset):
        users = [device.user for device in queryset.select_related("user")]
        self._reset(users)
        accounts = ", ".join(str(user) for user in users)
        self.message_user(
            request,
            _("Two-factor sign-in was reset for: %(accounts)s.")
            % {"accounts": accounts},
            messages.SUCCESS,
        )

    def _reset(self, users):
        for user in users:
            with transaction.atomic():
                turn_off(user)
            signals.mfa_disabled.send(sender=self.__class__, user=user, request=None)
