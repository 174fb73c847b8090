"""The two halves of a provider login, driven through social-core.

``begin`` asks the provider's backend for its authorization URL and records,
in the session, where the provider will send the user back and the state it
was given. ``complete`` takes that record back (once), checks the state the
single-page app forwards, and lets the backend exchange the code and run the
social-auth pipeline, which creates or finds the user.

Both take ``load``, which returns social-auth's backend for
``(request, provider, redirect_uri)``: the view and the serializer pass their
own, built on their module's ``load_strategy`` and ``load_backend`` as in
djoser 2.x, so that tests patching those names see their patch used.
"""

from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.crypto import constant_time_compare

from djoser.conf import settings
from djoser.social.failures import provider_failures, refuse
from djoser.social.pipeline import guarded, refuse_if_disabled


def session_key(provider):
    return f"djoser_social_login:{provider}"


def is_allowed_redirect_uri(redirect_uri):
    # Exact string match only: a prefix or host comparison would let an
    # attacker bend an allowed URI towards a page that reads the code.
    return redirect_uri in settings.SOCIAL_AUTH_ALLOWED_REDIRECT_URIS


def get_backend(load, request, provider, redirect_uri):
    with provider_failures(provider):
        return load(request, provider, redirect_uri)


@contextmanager
def created_users():
    """The user objects saved for the first time inside the block."""
    new_users = []

    def record(sender, instance, created, **kwargs):
        if created:
            new_users.append(instance)

    user_model = get_user_model()
    post_save.connect(record, sender=user_model, weak=False)
    try:
        yield new_users
    finally:
        post_save.disconnect(record, sender=user_model)


def begin(request, provider, redirect_uri, load):
    """The provider's authorization URL; the session remembers the login."""
    backend = get_backend(load, request, provider, redirect_uri)
    # social-core 4.5 to 5.x keep one state per session and backend under
    # this key and reuse it; dropping it gives every login a state of its own.
    request.session.pop(f"{backend.name}_state", None)
    with provider_failures(provider):
        url = backend.auth_url()
    # Backends without a state parameter (OpenID 1.x) leave it out.
    state = parse_qs(urlsplit(url).query).get("state", [None])[0]
    request.session[session_key(provider)] = {
        "redirect_uri": redirect_uri,
        "state": state,
    }
    return url


def complete(request, provider, callback, load, signed_in=None):
    """The user the provider vouches for, given what it sent back.

    ``callback`` holds the query parameters of the provider's redirect
    (``code`` and ``state``, or ``error``). The session's record of the login
    is spent on the first attempt, whatever its outcome: a replayed or guessed
    state finds nothing to match. ``signed_in`` is the account the provider
    account is being connected to, if any.
    """
    # An unknown provider is a 404 before anything is checked or spent.
    get_backend(load, request, provider, None)
    pending = request.session.pop(session_key(provider), None)
    if not isinstance(pending, dict):
        refuse("state_mismatch")
    expected_state = pending.get("state")
    if expected_state is not None:
        state = callback.get("state")
        if not state:
            refuse("state_missing")
        if not constant_time_compare(state, expected_state):
            refuse("state_mismatch")
    redirect_uri = pending.get("redirect_uri")
    # The allow-list may have shrunk since the login began.
    if not is_allowed_redirect_uri(redirect_uri):
        refuse("state_mismatch")

    backend = get_backend(load, request, provider, redirect_uri)
    # The backend reads the provider's answer from what the app forwarded,
    # not from the request body as a whole.
    backend.data = callback
    return authenticate(provider, backend, backend.complete, signed_in)


def authenticate(provider, backend, run, signed_in=None):
    """The user ``run`` (which drives ``backend``'s pipeline) vouches for.

    The pipeline runs with djoser's guards (``djoser.social.pipeline``) and
    inside one transaction, so a refusal anywhere in it leaves nothing
    behind. ``signed_in`` is the account a provider account is being
    connected to, if any: the one account it may join besides a new one
    and one whose address the provider verified.
    """
    guard_pipeline(backend)
    extra = {} if signed_in is None else {"user": signed_in}
    with transaction.atomic(), provider_failures(provider):
        with created_users() as created:
            user = run(djoser_signed_in=signed_in, **extra)
        if not isinstance(user, get_user_model()):
            # A partial pipeline answers with a redirect this API cannot follow.
            refuse("failed")
        # social-auth-app-django 5.x meets a clash on a unique field (an email
        # USERNAME_FIELD) by fetching the existing account and calling it new:
        # that would hand a stranger's account to whoever claims its address.
        if getattr(user, "is_new", False) and not any(
            user is new_user for new_user in created
        ):
            refuse("in_use")
        # Checked by the guards before any write too; here for a project's
        # pipeline that picks the user in a step of its own at the very end.
        refuse_if_disabled(user)
    return user


def guard_pipeline(backend):
    """Make ``backend``'s strategy run its pipelines with djoser's guards."""
    strategy = backend.strategy
    configured = strategy.get_pipeline
    if getattr(configured, "djoser_guarded", False):
        return

    def get_pipeline(*args, **kwargs):
        return guarded(configured(*args, **kwargs))

    get_pipeline.djoser_guarded = True
    strategy.get_pipeline = get_pipeline
