"""Device proofs: a client that signed in before is not locked out by others.

OWASP's "device cookies" scheme against lock-out. Every successful login
(password, JWT, social, passkey, the second step of two-factor sign-in)
hands the client a proof: a value signed with the project's ``SECRET_KEY``
(``django.core.signing``) that names the account and expires after
``DEVICE_PROOFS["LIFETIME"]``. An API client reads it from the
``Device-Proof`` response header and sends it back in a ``Device-Proof``
request header (several, comma-separated, if it signs in to several
accounts); a browser gets it as an HttpOnly cookie, which it sends back on
its own.

A login that presents a valid proof for the account it names is not counted
against that account's failures, so strangers who fill the account's
counter do not refuse it; its failures count against the proof instead, at
the same rate (a stolen proof buys no more guesses than the account had).
The per-address count applies as to every request. Without a proof nothing
changes. The response bodies are djoser 2.x's: the proof travels beside them.

Only the signature is trusted: a proof cannot be forged without the secret
key, and each carries a random id of its own, so one client's proof and its
count are not another's.

A proof is bound to the account's password as it was at the login (a keyed
fingerprint of its hash): a password change or reset ends every proof issued
before it. Otherwise proofs collected by someone who knew the old password,
one per login, would each bring a count of guesses at the new one after the
owner's recovery. The client that sets the new password (set_password,
reset_password_confirm) gets a new proof with the answer.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from djoser.conf import settings

SALT = "djoser.device_proofs"
# A proof is about 150 characters; anything much longer is no proof.
MAX_LENGTH = 512
MAX_PRESENTED = 4


def _name(value):
    # As djoser.throttling reads login names: stripped and case-folded.
    return str(value).strip().lower() if value is not None else ""


def _names_of(user):
    # Read off the instance: request.user may be a lazy object. The address
    # too: a login code is asked for by address.
    fields = dict.fromkeys(
        (settings.LOGIN_FIELD, user.USERNAME_FIELD, user.get_email_field_name())
    )
    names = (_name(getattr(user, field, None)) for field in fields)
    return [name for name in dict.fromkeys(names) if name]


def _fingerprint(password_hash):
    """A keyed digest of the account's password hash, short: it only has to
    change when the hash does, and tells nothing about it."""
    return salted_hmac(SALT, password_hash or "", algorithm="sha256").hexdigest()[:20]


def _bound_to_current_passwords(payloads):
    """The payloads whose account still has the password they were issued under.

    One query for all of them; only requests that carry a proof pay it.
    """
    ids = {str(payload.get("u")) for payload in payloads}
    user_model = get_user_model()
    try:
        hashes = {
            str(pk): password
            for pk, password in user_model._default_manager.filter(
                pk__in=ids
            ).values_list("pk", "password")
        }
    except (ValueError, TypeError):
        return []
    return [
        payload
        for payload in payloads
        if str(payload.get("u")) in hashes
        and constant_time_compare(
            str(payload.get("p")), _fingerprint(hashes[str(payload.get("u"))])
        )
    ]


def issue(request, response, user):
    """The login hook: attach a proof for ``user`` to a successful login's response.

    Called by every login view once it has its answer; answers ``response``,
    unchanged but for the ``Device-Proof`` header and cookie.
    """
    proofs = settings.DEVICE_PROOFS
    lifetime = proofs["LIFETIME"]
    if lifetime is None or user is None or not 200 <= response.status_code < 300:
        return response
    proof = signing.TimestampSigner(salt=SALT).sign_object(
        {
            "u": str(user.pk),
            "n": _names_of(user),
            "i": secrets.token_urlsafe(16),
            "p": _fingerprint(user.password),
        }
    )
    response[proofs["HEADER"]] = proof
    secure = proofs["COOKIE_SECURE"]
    response.set_cookie(
        proofs["COOKIE_NAME"],
        proof,
        max_age=int(lifetime.total_seconds()),
        path=proofs["COOKIE_PATH"],
        domain=proofs["COOKIE_DOMAIN"],
        secure=request.is_secure() if secure is None else secure,
        httponly=True,
        samesite=proofs["COOKIE_SAMESITE"],
    )
    return response


def _presented(request):
    """The proofs the request carries that verify, loaded once per request."""
    loaded = getattr(request, "_device_proofs", None)
    if loaded is not None:
        return loaded
    proofs = settings.DEVICE_PROOFS
    loaded = []
    if proofs["LIFETIME"] is not None:
        header = "HTTP_" + proofs["HEADER"].upper().replace("-", "_")
        values = request.META.get(header, "").split(",")[:MAX_PRESENTED]
        values.append(request.COOKIES.get(proofs["COOKIE_NAME"], ""))
        signer = signing.TimestampSigner(salt=SALT)
        for value in values:
            value = value.strip()
            if not value or len(value) > MAX_LENGTH:
                continue
            try:
                payload = signer.unsign_object(value, max_age=proofs["LIFETIME"])
            except (signing.BadSignature, ValueError, TypeError):
                continue  # forged, expired or garbled: no proof
            if isinstance(payload, dict):
                loaded.append(payload)
    if loaded:
        loaded = _bound_to_current_passwords(loaded)
    request._device_proofs = loaded
    return loaded


def proof_for_names(request, names):
    """The id of a proof the request carries for the account ``names`` name.

    Every name must be one of the proof's account; None without such a proof.
    """
    if not names:
        return None
    for payload in _presented(request):
        if set(names) <= set(payload.get("n") or ()):
            return str(payload.get("i"))
    return None


def proof_for_user(request, user):
    """The id of a proof the request carries for ``user``, else None."""
    for payload in _presented(request):
        if payload.get("u") == str(user.pk):
            return str(payload.get("i"))
    return None
