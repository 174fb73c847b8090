"""Emails that tell an account's owner about a security event on it.

Each notice is sent while its ``SECURITY_NOTICES`` key is True (only
``passkey_added`` is by default). A notice is a
djoser email like the others: its class is named in the ``EMAIL`` setting,
its template is overridable, and it leaves through ``djoser.delivery``, so
``EMAIL_TASK_BACKEND`` moves it to a task queue too. A password changed or
reset is told by the older PASSWORD_CHANGED_EMAIL_CONFIRMATION setting.
Two-factor sign-in turned on (``mfa_enabled``) and an address changed
(``email_changed_notice``, which carries the undo link) are always told.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.core.cache import cache

from djoser.conf import settings
from djoser.delivery import send_email
from djoser.email import BaseDjoserEmail
from djoser.not_me.links import NotMeLinkMixin

# SECURITY_NOTICES key -> the EMAIL key of its message.
NOTICE_EMAILS = {
    "passkey_added": "passkey_added_notice",
    "passkey_removed": "passkey_removed_notice",
    "new_device": "new_device_notice",
    "login_limit": "login_limit_notice",
    "refresh_reuse": "refresh_reuse_notice",
    "social_connected": "social_connected_notice",
    "social_disconnected": "social_disconnected_notice",
}


def is_on(notice):
    return bool(settings.SECURITY_NOTICES.get(notice))


def notify(notice, request, user, **context):
    """Email ``user`` the ``notice`` if its setting is on; ``context`` is JSON."""
    if is_on(notice):
        send_email(NOTICE_EMAILS[notice], request, user, context=context)


def notify_login_limit(request, login_names, window_seconds):
    """Tell each account named by ``login_names`` that logins are now refused.

    Called when failed logins fill an account's counter. At most one notice
    per account and window: an attacker who keeps the counter full would
    otherwise fill the owner's inbox too.
    """
    if not is_on("login_limit"):
        return
    user_model = get_user_model()
    for name in login_names:
        lookup = {f"{settings.LOGIN_FIELD}__iexact": name}
        user = user_model._default_manager.filter(**lookup).order_by("pk").first()
        if user is None:
            continue
        digest = hashlib.sha256(str(user.pk).encode()).hexdigest()
        # cache.add writes only when the key is absent: one sender per window.
        if cache.add(f"djoser_notice_login_limit_{digest}", 1, window_seconds):
            send_email("login_limit_notice", request, user)


class PasskeyAddedNoticeEmail(NotMeLinkMixin, BaseDjoserEmail):
    """With NOT_ME_URL set, it carries the link that removes the passkey."""

    template_name = "email/passkey_added_notice.html"


class PasskeyRemovedNoticeEmail(BaseDjoserEmail):
    template_name = "email/passkey_removed_notice.html"


class NewDeviceNoticeEmail(BaseDjoserEmail):
    template_name = "email/new_device_notice.html"


class LoginLimitNoticeEmail(BaseDjoserEmail):
    template_name = "email/login_limit_notice.html"


class RefreshReuseNoticeEmail(BaseDjoserEmail):
    template_name = "email/refresh_reuse_notice.html"


class SocialConnectedNoticeEmail(BaseDjoserEmail):
    template_name = "email/social_connected_notice.html"


class SocialDisconnectedNoticeEmail(BaseDjoserEmail):
    template_name = "email/social_disconnected_notice.html"
