"""The provider accounts linked to a user, and when one may be unlinked.

An account must keep a way to sign in: a usable password, a passkey, or
another linked provider account. ``disconnect`` checks that with the user's
row locked (``utils.lock_user``), so two parallel requests cannot each
remove "one of two" links and leave the account with none.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connections as databases
from django.db import router
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from social_django.models import UserSocialAuth

from djoser import utils

LAST_WAY_IN_ERROR = _(
    "This is the account's only way to sign in: set a password or add a "
    "passkey or another provider first."
)


def links_of(user):
    return UserSocialAuth.objects.filter(user_id=user.pk).order_by("pk")


def is_storable_id(value):
    """Whether ``value`` (from the URL) is a key the links' id column can hold."""
    if not value.isascii() or not value.isdigit():
        return False
    alias = router.db_for_read(UserSocialAuth)
    internal_type = UserSocialAuth._meta.pk.get_internal_type()
    low, high = databases[alias].ops.integer_field_range(internal_type)
    # SQLite names no range on older Django; its integers are 64-bit.
    return int(value) <= (high if high is not None else 2**63 - 1)


def has_other_way_in(user, link):
    """Whether ``user`` can still sign in once ``link`` is gone."""
    if user.has_usable_password():
        return True
    if apps.is_installed("djoser.webauthn") and user.passkeys.exists():
        return True
    return links_of(user).exclude(pk=link.pk).exists()


def disconnect(user, link):
    """Delete ``link`` (one of ``user``'s), unless it is the last way in (400).

    Whether it deleted it: a parallel request may have been first.
    """
    user_model = get_user_model()
    with utils.user_transaction(user_model) as using:
        locked = utils.lock_user(user_model, user.pk, using)
        # Read again under the lock: a parallel request may have removed it.
        link = links_of(locked).filter(pk=link.pk).first()
        if link is None:
            return False
        if not has_other_way_in(locked, link):
            raise serializers.ValidationError(LAST_WAY_IN_ERROR)
        link.delete()
    return True
