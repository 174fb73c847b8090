"""System checks for djoser's settings (registered when the app is ready)."""

from django.contrib.auth import get_user_model
from django.core import checks
from django.core.exceptions import FieldDoesNotExist

from djoser.conf import settings


@checks.register()
def check_email_change_url(app_configs=None, **kwargs):
    """Verified email change needs its link format, with both placeholders."""
    url = settings.EMAIL_CHANGE_CONFIRM_URL
    if url is None:
        if settings.EMAIL_CHANGE_REQUIRES_VERIFICATION:
            return [
                checks.Error(
                    "DJOSER['EMAIL_CHANGE_REQUIRES_VERIFICATION'] is on, but "
                    "DJOSER['EMAIL_CHANGE_CONFIRM_URL'] is not set: users "
                    "cannot change their email address at all.",
                    hint="Set DJOSER['EMAIL_CHANGE_CONFIRM_URL'] to your front "
                    "end's route, for example '#/email/confirm/{uid}/{token}'.",
                    id="djoser.E601",
                )
            ]
        return []
    user_model = get_user_model()
    email_field = user_model.get_email_field_name()
    try:
        user_model._meta.get_field(email_field)
    except FieldDoesNotExist:
        return [
            checks.Error(
                f"DJOSER['EMAIL_CHANGE_CONFIRM_URL'] is set, but the user model "
                f"{user_model._meta.label} has no {email_field!r} field to change.",
                hint="Set EMAIL_FIELD on the user model to its address field, "
                "or leave EMAIL_CHANGE_CONFIRM_URL unset.",
                id="djoser.E603",
            )
        ]
    if not isinstance(url, str) or "{uid}" not in url or "{token}" not in url:
        return [
            checks.Error(
                f"DJOSER['EMAIL_CHANGE_CONFIRM_URL'] = {url!r} lacks {{uid}} or "
                "{token}: the emailed link could not be confirmed.",
                hint="Use a format string with both, for example "
                "'#/email/confirm/{uid}/{token}'.",
                id="djoser.E602",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_email_change_verified(app_configs=None, **kwargs):
    """Changing the address directly lets a stolen session take the account."""
    if settings.EMAIL_CHANGE_REQUIRES_VERIFICATION:
        return []
    return [
        checks.Warning(
            "Users can change their email address without proving they own "
            "the new one (PATCH users/me/, set_email/).",
            hint="Set DJOSER['EMAIL_CHANGE_CONFIRM_URL'] and "
            "DJOSER['EMAIL_CHANGE_REQUIRES_VERIFICATION'] = True "
            "(docs/email_change.rst).",
            id="djoser.W601",
        )
    ]
