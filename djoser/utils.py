import contextlib

from django.contrib.auth import login, logout, user_logged_in, user_logged_out
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import F
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from djoser import sessions
from djoser.conf import settings


def encode_uid(pk):
    """The URL-safe base64 form of a primary key, as put in email links."""
    return force_str(urlsafe_base64_encode(force_bytes(pk)))


def decode_uid(uid):
    """Reverse encode_uid; raises ValueError on anything malformed."""
    return force_str(urlsafe_base64_decode(uid))


def uid_to_pk(uid, user_model):
    """The primary key ``uid`` names, read as ``user_model``'s pk field reads it.

    So "1", "01", " 1" and "١" all name user 1. Raises ValueError, TypeError,
    OverflowError or ValidationError for a uid that names no valid key.
    """
    pk_field = user_model._meta.pk
    pk = pk_field.to_python(decode_uid(uid))
    pk_field.run_validators(pk)
    return pk


@contextlib.contextmanager
def user_transaction(user_model):
    """A transaction on the database of ``user_model``'s writes; yields its alias.

    Inside it, ``lock_user`` holds a user's row until the transaction ends.
    Any model's rows may be locked the same way (djoser.sessions locks a
    session's).
    """
    using = router.db_for_write(user_model)
    connection = connections[using]
    if connection.features.has_select_for_update:
        with transaction.atomic(using=using):
            yield using
        return
    # SQLite locks the whole database, at a transaction's first write. Taken
    # after a read, a parallel transaction that read too cannot wait for it
    # and fails; taken first, it is simply waited for.
    if connection.in_atomic_block:
        # A transaction begun elsewhere (ATOMIC_REQUESTS, a test): a write
        # that changes nothing takes the lock.
        with transaction.atomic(using=using):
            _write_nothing(user_model, using)
            yield using
        return
    with _begin_immediate(connection), transaction.atomic(using=using):
        yield using


@contextlib.contextmanager
def _begin_immediate(connection):
    """SQLite: the transaction begun meanwhile starts with BEGIN IMMEDIATE.

    That takes the database's write lock with the transaction itself, so the
    lock costs no statement of its own. ``_start_transaction_under_autocommit``
    is the hook Django's SQLite backend begins transactions with (as ``BEGIN``,
    or ``BEGIN <OPTIONS["transaction_mode"]>`` on Django 5.1+).
    """
    connection._start_transaction_under_autocommit = lambda: (
        connection.cursor().execute("BEGIN IMMEDIATE")
    )
    try:
        yield
    finally:
        # The backend's own method again.
        del connection._start_transaction_under_autocommit


def lock_user(user_model, pk, using):
    """The user row ``pk`` of database ``using``, locked until the transaction ends.

    Call it inside a transaction on ``using`` (``user_transaction``). A second
    transaction that locks the same row waits for the first to end, then
    reads the row as the first left it.
    """
    manager = user_model._default_manager.db_manager(using)
    if connections[using].features.has_select_for_update:
        return manager.select_for_update().get(pk=pk)
    # SQLite: user_transaction holds the whole database's lock already.
    return manager.get(pk=pk)


def _write_nothing(model, using):
    manager = model._default_manager.db_manager(using)
    pk_name = model._meta.pk.attname
    manager.filter(pk=None).update(**{pk_name: F(pk_name)})


def login_user(request, user, kind="token"):
    """Get or create the user's token and record the login.

    ``user_logged_in`` fires once (Django's ``login`` sends it when a session
    is created too), so ``last_login`` moves either way. ``kind`` names the
    login for djoser.sessions ("token", "passkey", "mfa", ...).
    """
    token = sessions.record_login(request, user, kind, _token_for_login(request, user))
    if settings.CREATE_SESSION_ON_LOGIN:
        login(request, user)
    else:
        user_logged_in.send(sender=user.__class__, request=request, user=user)
    return token


def login_fields():
    """Serializer fields the TOKEN_MODEL reads from a login request, by name.

    Device tokens read ``device_name``. A login serializer declares them so
    they are validated with the credentials, before any password is checked.
    """
    token_model = settings.TOKEN_MODEL
    if hasattr(token_model, "login_fields"):
        return token_model.login_fields()
    return {}


def logout_user(request, delete_tokens=True):
    """Delete the tokens a logout ends and, with session logins, end the session.

    With DRF's Token that is the user's one token; with one token per login,
    only the token the request was made with. ``delete_tokens=False`` leaves
    the tokens to whoever already revokes them (see ``user_tokens_revoked``).
    """
    user = request.user
    sessions.revoke_current_session(request, "logout")
    if settings.TOKEN_MODEL is not None and delete_tokens:
        _delete_tokens(settings.TOKEN_MODEL, request)
    if settings.CREATE_SESSION_ON_LOGIN:
        logout(request)
    elif settings.TOKEN_MODEL is not None:
        user_logged_out.send(sender=user.__class__, request=request, user=user)


# A TOKEN_MODEL with one token per login (djoser.devicetokens) says which
# token a login issues and which a logout ends; DRF's Token is one per user.


def _token_for_login(request, user):
    model = settings.TOKEN_MODEL
    if hasattr(model, "issue_for_login"):
        return model.issue_for_login(request, user)
    return _get_or_create_token(model, user)


def _get_or_create_token(token_model, user):
    # The write database throughout, as get_or_create reads and writes.
    using = router.db_for_write(token_model, instance=user)
    manager = token_model._default_manager.db_manager(using)
    try:
        return manager.get(user=user)
    except token_model.DoesNotExist:
        pass
    if transaction.get_connection(using).in_atomic_block:
        # Inside a transaction a failed INSERT needs a savepoint to recover.
        return manager.get_or_create(user=user)[0]
    try:
        # In autocommit a lone INSERT needs no transaction of its own; if a
        # concurrent login created the token first, it fails and we read it.
        return manager.create(user=user)
    except IntegrityError:
        return manager.get(user=user)


def _delete_tokens(token_model, request):
    if hasattr(token_model, "logout_tokens"):
        token_model.logout_tokens(request).delete()
        return
    token = getattr(request, "auth", None)
    if isinstance(token, token_model) and token_model._meta.get_field("user").unique:
        # The presented token is the user's only one: a single DELETE, where
        # deleting by user wraps the statement in a transaction.
        token.delete()
    else:
        token_model._default_manager.filter(user=request.user).delete()


def tokens_cascade_with_user():
    """Whether deleting a user deletes its tokens too (a CASCADE foreign key)."""
    token_model = settings.TOKEN_MODEL
    if token_model is None:
        return False
    on_delete = token_model._meta.get_field("user").remote_field.on_delete
    return on_delete is models.CASCADE


class ActionViewMixin:
    """A POST that validates the body, then hands the serializer to _action."""

    def post(self, request, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._action(serializer)
