"""An OAuth2 and OpenID Connect provider the tests serve on 127.0.0.1.

It speaks real HTTP from a thread: discovery, the authorization endpoint
(which consents at once, as the person in ``signed_in``, or refuses when
``consent`` is False), the token endpoint (client secret, redirect URI, PKCE
verifier and single use of each code are checked), userinfo and a JWKS with
the RSA keys that sign its ID tokens (made when the suite starts; ``rotate``
adds a new one and signs with it). ``faults`` makes an endpoint misbehave.
``sign`` issues an ID token as a phone's sign-in SDK would hand it to an app.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "djoser-test-client"
CLIENT_SECRET = "djoser-test-secret"
KEY_ID = "test-key-1"


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Fault:
    """What an endpoint answers instead of doing its job."""

    status: int = 500
    body: str = ""
    content_type: str = "application/json"


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    scope: str
    person: dict
    nonce: str | None = None
    code_challenge: str | None = None
    used: bool = False


@dataclass
class Provider:
    """The provider's state; the handler below serves it."""

    port: int = 0
    signed_in: dict = field(default_factory=dict)
    consent: bool = True
    redirect_uris: set = field(default_factory=set)
    faults: dict = field(default_factory=dict)
    grants: dict = field(default_factory=dict)
    access_tokens: dict = field(default_factory=dict)
    token_requests: list = field(default_factory=list)
    first_key: rsa.RSAPrivateKey = field(default_factory=lambda: new_key())
    # kid -> private key, as the JWKS publishes them; current_kid signs.
    signing_keys: dict = field(default_factory=dict)
    current_kid: str = KEY_ID
    jwks_requests: int = 0

    def __post_init__(self):
        self.signing_keys = {KEY_ID: self.first_key}

    @property
    def key(self):
        return self.signing_keys[self.current_kid]

    def rotate(self, keep_old=True):
        """Sign with a new key from now on; the JWKS publishes it (and the old)."""
        kid = f"test-key-{len(self.signing_keys) + 1}-{secrets.token_hex(4)}"
        if not keep_old:
            self.signing_keys = {}
        self.signing_keys[kid] = new_key()
        self.current_kid = kid
        return kid

    def sign(self, claims, kid=None, algorithm="RS256", key=None, headers=None):
        """A JWT of ``claims`` signed as this provider signs its ID tokens."""
        kid = self.current_kid if kid is None else kid
        return jwt.encode(
            claims,
            self.signing_keys.get(kid, self.key) if key is None else key,
            algorithm=algorithm,
            headers={"kid": kid, **(headers or {})} if kid else headers,
        )

    @property
    def issuer(self):
        return f"http://127.0.0.1:{self.port}"

    def url(self, path):
        return f"{self.issuer}/{path}"

    def reset(self):
        self.signed_in = {}
        self.consent = True
        self.redirect_uris = set()
        self.faults = {}
        self.grants = {}
        self.access_tokens = {}
        self.token_requests = []
        self.signing_keys = {KEY_ID: self.first_key}
        self.current_kid = KEY_ID
        self.jwks_requests = 0

    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.url("authorize"),
            "token_endpoint": self.url("token"),
            "userinfo_endpoint": self.url("userinfo"),
            "jwks_uri": self.url("jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": [
                "client_secret_basic",
                "client_secret_post",
            ],
        }

    def jwks(self):
        keys = []
        for kid, key in self.signing_keys.items():
            public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
            keys.append({**public, "kid": kid, "alg": "RS256", "use": "sig"})
        return {"keys": keys}

    def id_token(self, grant, access_token):
        now = int(time.time())
        digest = hashlib.sha256(access_token.encode()).digest()
        claims = {
            "iss": self.issuer,
            "aud": grant.client_id,
            "iat": now,
            "exp": now + 300,
            "at_hash": base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode(),
            **grant.person,
        }
        if grant.nonce:
            claims["nonce"] = grant.nonce
        return self.sign(claims)


class Handler(BaseHTTPRequestHandler):
    provider: Provider  # set on the subclass made for each server

    def log_message(self, format, *args):
        """Keep the test output quiet."""

    def answer(self, status, body=None, content_type="application/json", headers=()):
        payload = (json.dumps(body) if isinstance(body, dict) else body or "").encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def route(self, method):
        parts = urlsplit(self.path)
        name = parts.path.strip("/")
        routes = {
            ("GET", ".well-known/openid-configuration"): self.discovery,
            ("GET", "authorize"): self.authorize,
            ("POST", "token"): self.token,
            ("GET", "userinfo"): self.userinfo,
            ("GET", "jwks"): self.jwks,
        }
        handler = routes.get((method, name))
        if handler is None:
            return self.answer(404, {"error": "not_found"})
        if name == "jwks":
            self.provider.jwks_requests += 1
        fault = self.provider.faults.get(name)
        if fault is not None:
            return self.answer(fault.status, fault.body, fault.content_type)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        return handler(query)

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def discovery(self, query):
        self.answer(200, self.provider.discovery())

    def jwks(self, query):
        self.answer(200, self.provider.jwks())

    def authorize(self, query):
        provider = self.provider
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != CLIENT_ID or (
            redirect_uri not in provider.redirect_uris
        ):
            return self.answer(400, {"error": "invalid_request"})
        back = {"state": query["state"]} if "state" in query else {}
        if provider.consent:
            code = secrets.token_urlsafe(16)
            provider.grants[code] = Grant(
                client_id=CLIENT_ID,
                redirect_uri=redirect_uri,
                scope=query.get("scope", ""),
                person=dict(provider.signed_in),
                nonce=query.get("nonce"),
                code_challenge=query.get("code_challenge"),
            )
            back["code"] = code
        else:
            back["error"] = "access_denied"
        separator = "&" if "?" in redirect_uri else "?"
        location = f"{redirect_uri}{separator}{urlencode(back)}"
        self.answer(302, "", "text/plain", headers=[("Location", location)])

    def client_credentials(self, form):
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            decoded = base64.b64decode(header[6:]).decode()
            client_id, _, secret = decoded.partition(":")
            return client_id, secret
        return form.get("client_id"), form.get("client_secret")

    def token(self, query):
        provider = self.provider
        length = int(self.headers.get("Content-Length") or 0)
        form = {
            key: values[0]
            for key, values in parse_qs(self.rfile.read(length).decode()).items()
        }
        provider.token_requests.append(form)
        if self.client_credentials(form) != (CLIENT_ID, CLIENT_SECRET):
            return self.answer(401, {"error": "invalid_client"})
        grant = provider.grants.get(form.get("code", ""))
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or grant.used
            or grant.redirect_uri != form.get("redirect_uri")
            or not self.verifier_matches(grant, form.get("code_verifier"))
        ):
            return self.answer(400, {"error": "invalid_grant"})
        grant.used = True
        access_token = secrets.token_urlsafe(24)
        provider.access_tokens[access_token] = grant.person
        body = {"access_token": access_token, "token_type": "Bearer", "expires_in": 300}
        if "openid" in grant.scope.split():
            body["id_token"] = provider.id_token(grant, access_token)
        self.answer(200, body)

    @staticmethod
    def verifier_matches(grant, verifier):
        if grant.code_challenge is None:
            return True
        if not verifier:
            return False
        digest = hashlib.sha256(verifier.encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        return secrets.compare_digest(challenge, grant.code_challenge)

    def userinfo(self, query):
        header = self.headers.get("Authorization", "")
        person = self.provider.access_tokens.get(header.removeprefix("Bearer "))
        if person is None:
            return self.answer(401, {"error": "invalid_token"})
        self.answer(200, person)


def serve():
    """Start a provider on a free port; returns it and a function to stop it."""
    provider = Provider()
    handler = type("ProviderHandler", (Handler,), {"provider": provider})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    provider.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()
        thread.join()

    return provider, stop
