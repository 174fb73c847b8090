"""djoser's steps in social-auth's pipeline.

One step for projects to list: ``associate_by_verified_email``, which signs a
provider account in to the existing account holding its email address only
when the provider verified the address and is trusted for it
(``djoser.social.trust``). It replaces social-core's ``associate_by_email``,
which believes any address.

And the guards djoser puts into every pipeline it runs (``guarded``), before
each step that writes or queries with the provider's data: whatever the
project's pipeline, the provider's data is checked as registration input
would be, a disabled account is refused, a new account never takes an
address another account holds (in any case) or one the provider says it
did not verify, and nothing links a provider account to an existing account
except the signed-in owner or a verified, trusted address.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from rest_framework import serializers
from social_django.models import UserSocialAuth

from djoser.conf import settings
from djoser.social import trust
from djoser.social.failures import MESSAGES, refuse

STEP = "djoser.social.pipeline.associate_by_verified_email"
SOCIAL_CORE_ASSOCIATE_BY_EMAIL = "social_core.pipeline.social_auth.associate_by_email"

# Steps that neither write nor query the database with the provider's data:
# no guard is needed before them. Every other step gets one, the lookups
# too (social_user by uid, get_username, the two email steps): PostgreSQL
# answers a query carrying a NUL with an error. (The email steps only
# choose a user; the guard before associate_user judges that.)
READ_ONLY_STEPS = {
    "social_core.pipeline.social_auth.social_details",
    "social_core.pipeline.social_auth.social_names",
    "social_core.pipeline.social_auth.social_uid",
    "social_core.pipeline.social_auth.auth_allowed",
}
# The guard put before a step; any other step that may write gets GUARD.
GUARD = "djoser.social.pipeline.guard"
GUARDS_BEFORE = {
    "social_core.pipeline.user.create_user": "djoser.social.pipeline.guard_new_account",
    "social_core.pipeline.social_auth.associate_user": (
        "djoser.social.pipeline.guard_link"
    ),
}
# Provider data nested deeper than this is refused rather than walked.
MAX_DEPTH = 32


def guarded(pipeline):
    """``pipeline`` with djoser's guard before every step that may write or query."""
    steps = []
    for step in pipeline:
        if step not in READ_ONLY_STEPS and not step.startswith(GUARD):
            steps.append(GUARDS_BEFORE.get(step, GUARD))
        steps.append(step)
    return steps


def users_with_email(email):
    """The accounts whose address is ``email``, in any case."""
    user_model = get_user_model()
    field = email_field(user_model)
    if field is None:
        return user_model._default_manager.none()
    return user_model._default_manager.filter(**{f"{field}__iexact": email})


def email_field(user_model):
    name = user_model.get_email_field_name()
    try:
        user_model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return name


def associate_by_verified_email(backend, details, response, user=None, **kwargs):
    """Sign in to the account holding the provider's address, when it may.

    Only when the provider says it verified the address and the project
    trusts it for that address; an address held by more than one account
    is refused, and so is a disabled account.
    """
    if user is not None:
        return None
    email = details.get("email")
    if not isinstance(email, str) or not trust.may_link_by_email(
        backend.name, response, email
    ):
        return None
    found = list(users_with_email(email)[:2])
    if not found:
        return None
    if len(found) > 1:
        refuse("in_use")
    (existing,) = found
    refuse_if_disabled(existing)
    return {"user": existing, "is_new": False, "djoser_linked_by_email": True}


def refuse_if_disabled(user):
    if user is not None and not user.is_active:
        raise serializers.ValidationError(
            settings.CONSTANTS.messages.INACTIVE_ACCOUNT_ERROR
        )


def guard(backend, details=None, response=None, uid=None, user=None, **kwargs):
    """Before a write: the provider's data is valid, the account is not disabled."""
    check_provider_data(backend, details or {}, response, uid)
    refuse_if_disabled(user)


def guard_new_account(backend, details=None, response=None, user=None, **kwargs):
    """Before create_user: the address is one a new account may take."""
    guard(backend, details, response, user=user, **kwargs)
    if user is not None:
        return None
    details = details or {}
    email = details.get("email")
    if not email or "email" not in user_fields(backend):
        return None
    if trust.is_unverified(response, email):
        if email_is_required():
            refuse("unverified_email")
        # The account is made without the address the provider doubts.
        return {"details": {**details, "email": None}}
    if users_with_email(email).exists():
        refuse("in_use")
    return None


def guard_link(
    backend,
    details=None,
    response=None,
    user=None,
    social=None,
    is_new=False,
    djoser_signed_in=None,
    djoser_linked_by_email=False,
    **kwargs,
):
    """Before associate_user: only the owner, or a trusted address, links.

    A new provider account may join the account just made for it, or the
    signed-in user who is connecting it, or an account whose address the
    provider verified and is trusted for. Anything else (social-core's
    ``associate_by_email``, a project's step) that picked an existing account
    is refused.
    """
    guard(backend, details, response, user=user, **kwargs)
    if user is None or social is not None or is_new:
        return None
    if djoser_signed_in is not None and user.pk == djoser_signed_in.pk:
        return None
    email = (details or {}).get("email")
    if djoser_linked_by_email or (
        isinstance(email, str)
        and trust.may_link_by_email(backend.name, response, email)
        and users_with_email(email).filter(pk=user.pk).exists()
    ):
        return None
    refuse("in_use")


def user_fields(backend):
    return backend.setting("USER_FIELDS", ["username", "email"])


def email_is_required():
    """Whether the user model cannot have an account without an address."""
    user_model = get_user_model()
    name = email_field(user_model)
    if name is None:
        return False
    field = user_model._meta.get_field(name)
    return name == user_model.USERNAME_FIELD or not field.blank


def check_provider_data(backend, details, response, uid):
    """Refuse (400) what registration would refuse, before anything is stored.

    The fields the pipeline copies onto the account are validated by the
    user model's own field validators (length, email syntax); any string
    the provider sent, anywhere in its answer, must be storable text: no NUL
    (PostgreSQL refuses it), no lone surrogate.
    """
    if uid is not None:
        check_text("uid", uid)
        if len(str(uid)) > social_uid_field().max_length:
            refuse_field("uid")
    for name, value in details.items():
        check_text(name, value)
    if response is not None:
        check_text("response", response)
    user_model = get_user_model()
    mapping = backend.setting("USER_FIELD_MAPPING", {}) or {}
    for name, value in details.items():
        # social-core shortens and cleans the username itself.
        if name == "username" or value is None or value == "":
            continue
        field_name = mapping.get(name, name)
        try:
            field = user_model._meta.get_field(field_name)
        except FieldDoesNotExist:
            continue
        if not getattr(field, "concrete", False) or field.primary_key:
            continue
        if field.get_internal_type() in {"CharField", "EmailField", "TextField"}:
            if not isinstance(value, str):
                refuse_field(name)
            try:
                field.run_validators(value)
            except ValidationError:
                refuse_field(name)


def social_uid_field():
    return UserSocialAuth._meta.get_field("uid")


def check_text(name, value, depth=0):
    """Every string in ``value`` is text a database can store."""
    if depth > MAX_DEPTH:
        refuse_field(name)
    if isinstance(value, str):
        if "\x00" in value:
            refuse_field(name)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            refuse_field(name)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(name, key, depth + 1)
            check_text(name, item, depth + 1)
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_text(name, item, depth + 1)


def refuse_field(name):
    raise serializers.ValidationError(MESSAGES["invalid_data"] % {"field": name})
