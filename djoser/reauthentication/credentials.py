"""Which credential a request was made with, and whether it was reauthenticated.

A successful ``reauthenticate/`` marks the credential of its request, not
the account: another device signed in to the same account (or a thief's
copy of another token) is not made fresh by it. The mark lives in Django's
default cache, the one the rate limits count in, so every process serving
the site sees it; it expires REAUTHENTICATION_TIMEOUT seconds after it was
made. A cache that forgets it early (eviction, a restart) only asks for one
more reauthentication; one that cannot be reached makes no credential
fresh (sensitive requests then need their proof in the body), and
``reauthenticate/`` answers 503 rather than a mark it cannot keep.
"""

import hashlib
import logging
import time

from django.contrib.auth import SESSION_KEY
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException

from djoser import sessions
from djoser.conf import settings

CACHE_KEY_FORMAT = "djoser_reauthenticated_{}"
# djoser.sessions' Session model, as ``label_lower`` names it.
SESSION_LABEL = "djoser_sessions.session"

logger = logging.getLogger(__name__)


class MarkUnavailable(APIException):
    """503: the cache that keeps reauthentications cannot be reached."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _(
        "Reauthentication cannot be recorded right now: send the proof with "
        "the change itself, or try again shortly."
    )
    default_code = "reauthentication_unavailable"

    @property
    def wait(self):
        # Retry-After, as the rate limits answer during the same outage.
        return settings.THROTTLE_CACHE_OUTAGE["RETRY_AFTER"]


def credential_key(request):
    """A string naming the credential ``request`` was authenticated with, or None.

    This is the one place that decides it:

    - a token row (DRF's Token, a device token, any TOKEN_MODEL): its model
      and primary key. DRF's Token is one per user, shared by every client
      signed in with it, so a reauthentication counts for all of them; a
      device token is one per login.
    - a simplejwt token carrying a djoser.sessions session id: that
      session, named as a token row is. Its refreshed access tokens share
      the mark; a session that has ended (or is another user's) names
      nothing, so no mark of it is usable, even by an access token that
      has not expired.
    - any other simplejwt token: its ``jti`` claim. A plain access token
      names no login, so the access token itself is marked: refreshing
      gives one that is not marked yet.
    - a Django session (the admin, the browsable API, CREATE_SESSION_ON_LOGIN):
      its session key. Django gives a session a new key at login.

    Anything else (HTTP Basic, a project's own authentication) is None: it
    cannot be marked, and a sensitive request carries its proof in its body.
    """
    credential = request.auth
    if isinstance(credential, Model):
        return f"{credential._meta.label_lower}:{credential.pk}"
    payload = getattr(credential, "payload", None)
    if isinstance(payload, dict):
        session_id = sessions.session_id_of(credential)
        if session_id is not None:
            if not sessions.is_live(session_id, request.user):
                return None
            return f"{SESSION_LABEL}:{session_id}"
        # Imported here: only simplejwt makes such credentials.
        from rest_framework_simplejwt.settings import api_settings

        jti = payload.get(api_settings.JTI_CLAIM)
        return f"jwt:{jti}" if jti else None
    if credential is None:
        session = getattr(request._request, "session", None)
        if session is not None and SESSION_KEY in session and session.session_key:
            return f"session:{session.session_key}"
    return None


def _cache_key(key):
    # Hashed: a DRF token's primary key is the token itself.
    return CACHE_KEY_FORMAT.format(hashlib.sha256(key.encode()).hexdigest())


def _cache():
    return caches[DEFAULT_CACHE_ALIAS]


def mark(request):
    """Mark the request's credential as reauthenticated now; False if it has none."""
    key = credential_key(request)
    if key is None:
        return False
    timeout = settings.REAUTHENTICATION_TIMEOUT
    value = {"user": str(request.user.pk), "at": time.time()}
    try:
        _cache().set(_cache_key(key), value, timeout)
    except Exception as error:  # whatever the backend raises when it is down
        logger.error("Reauthentication not recorded, cache unreachable: %s", error)
        raise MarkUnavailable() from error
    return True


def is_fresh(request):
    """Whether the request's credential was reauthenticated within the timeout.

    The mark names its account too: a credential that now authenticates
    someone else (a reused session key) is not fresh for them.
    """
    key = credential_key(request)
    if key is None:
        return False
    try:
        value = _cache().get(_cache_key(key))
    except Exception as error:  # whatever the backend raises when it is down
        logger.warning("Reauthentication not read, cache unreachable: %s", error)
        return False
    if not isinstance(value, dict) or value.get("user") != str(request.user.pk):
        return False
    # Read against the timeout as it is now: shortening it takes effect at once.
    return time.time() - value["at"] < settings.REAUTHENTICATION_TIMEOUT
