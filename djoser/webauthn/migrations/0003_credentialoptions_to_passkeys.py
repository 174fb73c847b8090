"""djoser 2.x's passkeys become ours: one ``Passkey`` and ``UserHandle`` each.

djoser 2.x kept one credential per account in ``CredentialOptions``, as
py_webauthn 0.4 returned it:

* ``credential_id``: the credential ID, base64url without padding (as ours);
* ``public_key``: the COSE public key, base64url without padding (ours keeps
  the bytes);
* ``sign_count``: the signature counter;
* ``ukey``: the string sent as ``user.id`` in the creation options; the
  browser hands its UTF-8 bytes to the authenticator, which returns them as
  the user handle (ours keeps the bytes base64url-encoded).

Rows without an account are signups that never finished (the challenge was
issued, no credential came back): they hold no credential and are not moved;
the table goes in 0004. Going back writes each account's most recently used
passkey into ``CredentialOptions``: djoser 2.x holds one per account.
"""

import base64
import binascii
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import migrations, router
from django.db.models import F

from djoser.webauthn.migration_operations import table_exists

BATCH_SIZE = 500
# The longest user handle WebAuthn allows is 64 bytes; our column holds 88
# base64url characters (66 bytes).
HANDLE_MAX_LENGTH = 88
CREDENTIAL_ID_MAX_LENGTH = 1364
# The passkey's name in the owner's list (djoser 2.x had none).
PASSKEY_NAME = "Passkey"


def base64url_to_bytes(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def bytes_to_base64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def convert(row):
    """The passkey and user handle fields of a ``CredentialOptions`` row.

    None for a row a login could not have used: no account, no credential
    ID or public key, or values that are not base64url.
    """
    if row.user_id is None or not row.credential_id or not row.public_key:
        return None
    try:
        credential_id = bytes_to_base64url(base64url_to_bytes(row.credential_id))
        public_key = base64url_to_bytes(row.public_key)
    except (binascii.Error, ValueError):
        return None
    if len(credential_id) > CREDENTIAL_ID_MAX_LENGTH:
        return None
    return {
        "user_id": row.user_id,
        "credential_id": credential_id,
        "public_key": public_key,
        "sign_count": max(row.sign_count or 0, 0),
        "handle": bytes_to_base64url(row.ukey.encode()),
    }


def credentials_to_passkeys(apps, schema_editor):
    CredentialOptions = apps.get_model("webauthn", "CredentialOptions")
    Passkey = apps.get_model("webauthn", "Passkey")
    UserHandle = apps.get_model("webauthn", "UserHandle")
    database = schema_editor.connection.alias
    if not router.allow_migrate_model(database, Passkey):
        return
    if not table_exists(schema_editor, CredentialOptions._meta.db_table):
        # A database of our earlier releases: djoser's table never existed.
        return

    rows = (
        CredentialOptions.objects.using(database)
        .filter(user__isnull=False)
        .order_by("pk")
        .iterator(chunk_size=BATCH_SIZE)
    )
    batch = []
    for row in rows:
        fields = convert(row)
        if fields is not None:
            batch.append(fields)
        if len(batch) == BATCH_SIZE:
            _save(batch, Passkey, UserHandle, database)
            batch = []
    _save(batch, Passkey, UserHandle, database)


def _save(batch, Passkey, UserHandle, database):
    """Insert a batch, leaving alone what a previous run already moved."""
    taken_ids = set(
        Passkey.objects.using(database)
        .filter(credential_id__in=[fields["credential_id"] for fields in batch])
        .values_list("credential_id", flat=True)
    )
    handled_users = set(
        UserHandle.objects.using(database)
        .filter(user_id__in=[fields["user_id"] for fields in batch])
        .values_list("user_id", flat=True)
    )
    passkeys, handles = [], []
    for fields in batch:
        if fields["credential_id"] in taken_ids:
            continue
        taken_ids.add(fields["credential_id"])
        passkeys.append(
            Passkey(
                user_id=fields["user_id"],
                name=PASSKEY_NAME,
                credential_id=fields["credential_id"],
                public_key=fields["public_key"],
                sign_count=fields["sign_count"],
                transports=[],
            )
        )
        if (
            fields["user_id"] not in handled_users
            and 0 < len(fields["handle"]) <= HANDLE_MAX_LENGTH
        ):
            handled_users.add(fields["user_id"])
            handles.append(UserHandle(user_id=fields["user_id"], handle=fields["handle"]))
    Passkey.objects.using(database).bulk_create(passkeys)
    UserHandle.objects.using(database).bulk_create(handles)


def passkeys_to_credentials(apps, schema_editor):
    """Back to djoser 2.x: each account's most recently used passkey."""
    CredentialOptions = apps.get_model("webauthn", "CredentialOptions")
    Passkey = apps.get_model("webauthn", "Passkey")
    UserHandle = apps.get_model("webauthn", "UserHandle")
    database = schema_editor.connection.alias
    if not router.allow_migrate_model(database, CredentialOptions):
        return
    # djoser 2.x stored the USERNAME_FIELD's value; historical models do not
    # carry USERNAME_FIELD, the project's user model does.
    username_field = get_user_model().USERNAME_FIELD
    handles = dict(
        UserHandle.objects.using(database).values_list("user_id", "handle")
    )
    done_users = set(
        CredentialOptions.objects.using(database).values_list("user_id", flat=True)
    )
    passkeys = (
        Passkey.objects.using(database)
        .select_related("user")
        .order_by("user_id", F("last_used").desc(nulls_last=True), "-created", "-pk")
        .iterator(chunk_size=BATCH_SIZE)
    )
    batch = []
    for passkey in passkeys:
        if passkey.user_id in done_users:
            continue
        done_users.add(passkey.user_id)
        username = str(getattr(passkey.user, username_field))
        batch.append(
            CredentialOptions(
                user_id=passkey.user_id,
                username=username,
                display_name=username,
                ukey=_ukey(handles.get(passkey.user_id)),
                challenge="",
                credential_id=passkey.credential_id,
                public_key=bytes_to_base64url(bytes(passkey.public_key)),
                sign_count=passkey.sign_count,
            )
        )
        if len(batch) == BATCH_SIZE:
            CredentialOptions.objects.using(database).bulk_create(batch)
            batch = []
    CredentialOptions.objects.using(database).bulk_create(batch)


def _ukey(handle):
    """djoser 2.x's ``ukey`` for a user handle: the one it came from, if any."""
    if handle is None:
        return secrets.token_hex(10)
    try:
        decoded = base64url_to_bytes(handle).decode("ascii")
    except (binascii.Error, ValueError):
        return handle
    # djoser 2.x made ukeys of ASCII letters and digits.
    return decoded if decoded.isalnum() else handle


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("webauthn", "0002_passkey_challenge_userhandle"),
    ]

    operations = [
        migrations.RunPython(credentials_to_passkeys, passkeys_to_credentials),
    ]
