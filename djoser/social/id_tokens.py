"""OpenID Connect ID tokens from native apps, checked against the provider's keys.

A phone's own Google or Apple sign-in hands the app an ID token: a JWT the
provider signed, naming the person (``sub``, ``email``...), the app it was
issued to (``aud``) and itself (``iss``). ``verify`` accepts one only when
its signature checks out with a key from the provider's JWKS, with an
asymmetric algorithm (never ``none``, never an HMAC keyed with a public key),
``iss`` is the provider, ``aud`` one of the client ids the project lists for
it (iOS, Android and web apps each have their own), ``exp`` is in the
future, ``iat`` not, and ``nonce`` matches when the app sends one.

Keys are cached per JWKS URL (``KeySets``): a key id the cache does not know
(the provider rotated its keys) fetches the set again, at most once per
``REFETCH_INTERVAL`` seconds, so tokens naming made-up key ids cannot make
this site hammer the provider.
"""

import hashlib
import threading
import time
from dataclasses import dataclass

import jwt
import requests
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from djoser.conf import settings

# Asymmetric algorithms only: a token's header picks one, and the key's type
# must fit it.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")
# Seconds of clock difference tolerated between this site and the provider.
LEEWAY = 60
# How long a fetched key set is used, and how soon an unknown key id may
# fetch it again.
CACHE_LIFETIME = 3600
REFETCH_INTERVAL = 60
FETCH_TIMEOUT = 10
MAX_JWKS_BYTES = 256 * 1024

# Providers whose issuer and keys are well known: a project lists only its
# client ids for them.
GOOGLE = {
    "ISSUERS": ["https://accounts.google.com", "accounts.google.com"],
    "JWKS_URL": "https://www.googleapis.com/oauth2/v3/certs",
}
KNOWN_PROVIDERS = {
    "google-oauth2": GOOGLE,
    "google-openidconnect": GOOGLE,
    "apple-id": {
        "ISSUERS": ["https://appleid.apple.com"],
        "JWKS_URL": "https://appleid.apple.com/auth/keys",
    },
}
KEYS = {"CLIENT_IDS", "ISSUERS", "JWKS_URL", "ACCESS_TOKEN"}

MESSAGES = {
    "malformed": _("The ID token is not a valid JSON Web Token."),
    "algorithm": _("The ID token is not signed with an algorithm this site accepts."),
    "signature": _("The ID token's signature is not valid."),
    "expired": _("The ID token has expired."),
    "not_yet_valid": _("The ID token is not valid yet."),
    "audience": _("The ID token was issued to another application."),
    "issuer": _("The ID token was issued by another provider."),
    "nonce": _("The ID token's nonce does not match."),
    "unreachable": _("The provider's keys could not be fetched; try again later."),
}

clock = time.monotonic


def refuse(kind):
    raise serializers.ValidationError({"id_token": [MESSAGES[kind]]}, code=kind)


def provider_settings(provider):
    """The SOCIAL_AUTH_TOKEN_LOGIN entry of ``provider``, or None."""
    entry = (settings.SOCIAL_AUTH_TOKEN_LOGIN or {}).get(provider)
    return entry if isinstance(entry, dict) else None


def accepts_id_tokens(provider):
    entry = provider_settings(provider)
    return bool(entry and entry.get("CLIENT_IDS"))


def accepts_access_tokens(provider):
    entry = provider_settings(provider)
    return bool(entry and entry.get("ACCESS_TOKEN") is True)


@dataclass(frozen=True)
class Expected:
    """What a provider's ID tokens must say, and where its keys are."""

    issuers: tuple
    client_ids: tuple
    jwks_url: str


def expected_for(provider, backend):
    """The issuer, audiences and key set ``provider``'s ID tokens are checked with.

    Settings first, then the well-known values, then (for social-core's
    OpenID Connect backends) the provider's discovery document.
    """
    entry = {**KNOWN_PROVIDERS.get(provider, {}), **provider_settings(provider)}
    issuers = entry.get("ISSUERS")
    jwks_url = entry.get("JWKS_URL")
    if issuers is None and hasattr(backend, "id_token_issuer"):
        issuers = [backend.id_token_issuer()]
    if jwks_url is None and hasattr(backend, "jwks_uri"):
        jwks_url = backend.jwks_uri()
    elif jwks_url is None and hasattr(backend, "oidc_config"):
        jwks_url = backend.oidc_config().get("jwks_uri")
    return Expected(tuple(issuers or ()), tuple(entry["CLIENT_IDS"]), jwks_url or "")


def configuration_problems():
    """``(provider, problem)`` for each SOCIAL_AUTH_TOKEN_LOGIN entry that fails."""
    configured = settings.SOCIAL_AUTH_TOKEN_LOGIN
    if not isinstance(configured, dict):
        return [("*", "must be a dict of backend names to dicts.")]
    problems = []
    for provider, entry in configured.items():
        if not isinstance(entry, dict):
            problems.append((provider, "must be a dict."))
            continue
        unknown = sorted(set(entry) - KEYS)
        if unknown:
            problems.append((provider, f"unknown keys {', '.join(unknown)}."))
        client_ids = entry.get("CLIENT_IDS", [])
        if not isinstance(client_ids, (list, tuple)) or not all(
            isinstance(client_id, str) and client_id for client_id in client_ids
        ):
            problems.append((provider, "CLIENT_IDS must be a list of client ids."))
        if not isinstance(entry.get("ACCESS_TOKEN", False), bool):
            problems.append((provider, "ACCESS_TOKEN must be True or False."))
        issuers = entry.get("ISSUERS")
        if issuers is not None and not (
            isinstance(issuers, (list, tuple)) and issuers and all(issuers)
        ):
            problems.append((provider, "ISSUERS must be a non-empty list."))
        if (
            client_ids
            and provider not in KNOWN_PROVIDERS
            and not _is_openid_connect(provider)
            and not (entry.get("ISSUERS") and entry.get("JWKS_URL"))
        ):
            problems.append(
                (
                    provider,
                    "ID tokens need ISSUERS and JWKS_URL: the backend is not an "
                    "OpenID Connect backend djoser can discover them from.",
                )
            )
    return problems


def _is_openid_connect(provider):
    from django.conf import settings as django_settings
    from social_core.backends.open_id_connect import OpenIdConnectAuth
    from social_core.backends.utils import load_backends

    backend = load_backends(django_settings.AUTHENTICATION_BACKENDS).get(provider)
    return backend is not None and issubclass(backend, OpenIdConnectAuth)


def verify(token, expected, nonce=None):
    """The claims of ``token``, an ID token ``expected`` describes; or a 400."""
    try:
        header = jwt.get_unverified_header(token)
    except (jwt.PyJWTError, ValueError, TypeError):
        refuse("malformed")
    algorithm = header.get("alg")
    if algorithm not in ALGORITHMS:
        refuse("algorithm")
    key = key_sets.key(expected.jwks_url, header.get("kid"))
    if key.algorithm not in (None, algorithm):
        # The key names the algorithm it signs with; the header cannot change it.
        refuse("signature")
    try:
        claims = jwt.decode(
            token,
            key=key.public_key,
            algorithms=[algorithm],
            audience=list(expected.client_ids),
            leeway=LEEWAY,
            options={
                "require": ["iss", "aud", "exp", "iat", "sub"],
                "verify_iss": False,
            },
        )
    except jwt.ExpiredSignatureError:
        refuse("expired")
    except jwt.ImmatureSignatureError:
        refuse("not_yet_valid")
    except (jwt.InvalidAudienceError, jwt.MissingRequiredClaimError) as error:
        refuse("audience" if _about(error, "aud") else "malformed")
    except (jwt.InvalidSignatureError, jwt.InvalidKeyError):
        refuse("signature")
    except (jwt.PyJWTError, ValueError, TypeError):
        refuse("malformed")
    check_claims(claims, expected, nonce)
    return claims


def _about(error, claim):
    return getattr(error, "claim", None) == claim or isinstance(
        error, jwt.InvalidAudienceError
    )


def check_claims(claims, expected, nonce):
    if claims.get("iss") not in expected.issuers:
        refuse("issuer")
    issued_at = claims.get("iat")
    if not isinstance(issued_at, (int, float)) or isinstance(issued_at, bool):
        refuse("malformed")
    if issued_at > time.time() + LEEWAY:
        refuse("not_yet_valid")
    # With several audiences, the authorized party must be one of ours too.
    party = claims.get("azp")
    if party is not None and party not in expected.client_ids:
        refuse("audience")
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        refuse("malformed")
    if nonce is not None:
        claimed = claims.get("nonce")
        # Apple's and Firebase's SDKs put the SHA-256 of the app's nonce in
        # the token; others put the nonce itself.
        hashed = hashlib.sha256(nonce.encode("utf-8", "surrogatepass")).hexdigest()
        if not isinstance(claimed, str) or not (
            constant_time_compare(claimed, nonce)
            or constant_time_compare(claimed, hashed)
        ):
            refuse("nonce")


@dataclass(frozen=True)
class SigningKey:
    public_key: object
    # The "alg" the key set gives for the key, if any.
    algorithm: str | None


@dataclass
class KeySet:
    keys: dict
    # When the set was last fetched (or a fetch last failed), and until
    # when its keys are used without asking the provider again.
    fetched_at: float
    fresh_until: float
    # Whether the last fetch failed: a set that never arrived is not refetched
    # for each request either.
    failed: bool = False


class KeySets:
    """The providers' signing keys, by JWKS URL, fetched when needed.

    A set is used for CACHE_LIFETIME seconds. A key id it lacks fetches it
    again, unless the last fetch was less than REFETCH_INTERVAL seconds ago.
    A failed fetch keeps the keys already known, for REFETCH_INTERVAL.
    """

    def __init__(self):
        self.sets = {}
        self.lock = threading.Lock()

    def key(self, url, key_id):
        """The SigningKey that ``key_id`` names at ``url``; a 400 otherwise."""
        known = self.sets.get(url)
        now = clock()
        if known is not None and now < known.fresh_until:
            found = self.find(known, key_id)
            if found is not None or now - known.fetched_at < REFETCH_INTERVAL:
                return found or self.missing(known)
        with self.lock:
            current = self.sets.get(url)
            # Another thread fetched while this one waited.
            if current is known or current is None:
                current = self.fetch(url, known)
        return self.find(current, key_id) or self.missing(current)

    @staticmethod
    def missing(key_set):
        refuse("unreachable" if key_set.failed and not key_set.keys else "signature")

    @staticmethod
    def find(key_set, key_id):
        if key_id is None:
            # No key id: only a set of one key says which key it means.
            keys = list(key_set.keys.values())
            return keys[0] if len(keys) == 1 else None
        return key_set.keys.get(key_id)

    def fetch(self, url, known):
        now = clock()
        try:
            response = requests.get(url, timeout=FETCH_TIMEOUT)
            response.raise_for_status()
            if len(response.content) > MAX_JWKS_BYTES:
                raise ValueError("the key set is too large")
            key_set = KeySet(parse_key_set(response.json()), now, now + CACHE_LIFETIME)
        except (requests.RequestException, ValueError, TypeError, jwt.PyJWTError):
            keys = {} if known is None else known.keys
            key_set = KeySet(keys, now, now + REFETCH_INTERVAL, failed=True)
        self.sets[url] = key_set
        return key_set

    def clear(self):
        with self.lock:
            self.sets.clear()


def parse_key_set(data):
    """``{kid: SigningKey}`` of the signing keys in a JWKS document."""
    if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
        raise ValueError("not a JWKS document")
    keys = {}
    for entry in data["keys"]:
        if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
            continue
        try:
            key = jwt.PyJWK(entry)
        except jwt.PyJWTError:
            # A key of a type or algorithm this site does not use.
            continue
        algorithm = entry.get("alg")
        if key.algorithm_name in ALGORITHMS and algorithm in (None, *ALGORITHMS):
            keys[entry.get("kid")] = SigningKey(key.key, algorithm)
    return keys


key_sets = KeySets()
