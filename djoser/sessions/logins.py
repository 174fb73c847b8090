"""What a login records, and which session a request belongs to."""

import ipaddress

from rest_framework.settings import api_settings as drf_settings
from rest_framework.throttling import BaseThrottle

from djoser.conf import settings
from djoser.sessions import tokens
from djoser.sessions.models import (
    DEVICE_NAME_MAX_LENGTH,
    USER_AGENT_MAX_LENGTH,
    Session,
    credential_id,
)

# CLIENT_ADDRESS -> the prefix kept of an IPv4 and of an IPv6 address.
ADDRESS_PREFIXES = {"truncated": (24, 48), "full": (32, 128)}


def start_session(request, user, kind, credential):
    """Create the session of a login and bind ``credential`` to it."""
    session = new_session(request, user, kind)
    if isinstance(credential, dict) and "refresh" in credential:
        return tokens.start(session, credential)
    if credential is not None and getattr(credential, "pk", None) is not None:
        session.credential = credential_id(credential)
        session.expires = getattr(credential, "expires", None)
    session.save()
    return credential


def new_session(request, user, kind):
    """An unsaved session of ``user``, described from ``request``."""
    return Session(
        user=user,
        kind=str(kind)[:32],
        device_name=_device_name(request),
        user_agent=_clean(request.META.get("HTTP_USER_AGENT", ""))[
            :USER_AGENT_MAX_LENGTH
        ],
        client_address=client_address(request),
    )


def current_sessions(request):
    """The sessions whose credential ``request`` was made with (a queryset).

    A JSON Web Token names its one session. A TOKEN_MODEL token may be
    shared by several logins (DRF's Token is one per user): all of theirs.
    """
    return sessions_of_credential(getattr(request, "auth", None), request.user)


def sessions_of_credential(credential, user):
    """The sessions of ``user`` that ``credential`` (a request's auth) serves."""
    owned = Session.objects.filter(user_id=getattr(user, "pk", None))
    session_id = tokens.session_id_of(credential)
    if session_id is not None:
        return owned.filter(pk=session_id)
    token_model = settings.TOKEN_MODEL
    if token_model is not None and isinstance(credential, token_model):
        return owned.filter(credential=credential_id(credential))
    return Session.objects.none()


def client_address(request):
    """The client's address as CLIENT_ADDRESS keeps it, or None."""
    prefixes = ADDRESS_PREFIXES.get(settings.SESSIONS["CLIENT_ADDRESS"])
    if prefixes is None:
        return None
    if drf_settings.NUM_PROXIES is None:
        # As the throttles: without NUM_PROXIES, X-Forwarded-For is the
        # client's to write, so the connection's address is the one kept.
        raw = request.META.get("REMOTE_ADDR", "")
    else:
        raw = BaseThrottle().get_ident(request)
    try:
        address = ipaddress.ip_address(str(raw).strip())
    except ValueError:
        return None
    prefix = prefixes[0] if address.version == 4 else prefixes[1]
    network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
    return str(network.network_address)


def _device_name(request):
    # A plain Django request (no DRF parsing) has no .data; a body that is
    # not an object has no name in it.
    data = getattr(request, "data", None)
    name = data.get("device_name") if hasattr(data, "get") else None
    if not isinstance(name, str):
        return ""
    return _clean(name)[:DEVICE_NAME_MAX_LENGTH]


def _clean(text):
    """``text`` without NUL and lone surrogates, which databases refuse."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text.replace("\x00", "")
