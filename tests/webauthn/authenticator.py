"""A software authenticator: what a browser and a security key do, in Python.

It makes real ES256 key pairs with ``cryptography``, real authenticator data,
a CBOR attestation object in the "none" format, client data JSON and real
ECDSA signatures, and answers with the JSON that the browser's
``PublicKeyCredential.toJSON()`` produces. Nothing on the server is mocked:
the tests hand these answers to the endpoints as a browser would.
"""

import base64
import hashlib
import json
import os
from dataclasses import dataclass

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

USER_PRESENT = 0x01
USER_VERIFIED = 0x04
ATTESTED_CREDENTIAL_DATA = 0x40
# The COSE key of an ES256 credential: EC2 key type, ES256, curve P-256.
COSE_KTY, COSE_ALG, COSE_CRV, COSE_X, COSE_Y = 1, 3, -1, -2, -3
COSE_EC2, COSE_ES256, COSE_P256 = 2, -7, 1


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Credential:
    """A key pair the authenticator holds for one RP and account."""

    credential_id: bytes
    private_key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0

    @property
    def id(self):
        return b64url(self.credential_id)


class SoftAuthenticator:
    """A platform authenticator holding discoverable ES256 passkeys.

    ``origin`` is the page the "browser" runs on; ``counting=False`` makes
    it behave like synced passkeys, whose signature counter stays 0.
    """

    def __init__(self, origin="http://localhost:8000", counting=True):
        self.origin = origin
        self.counting = counting
        self.credentials = []

    def create(self, options, origin=None, rp_id=None, credential=None):
        """Answer ``navigator.credentials.create()`` options.

        A new key pair unless ``credential`` is given: then it answers with
        that one again, as an authenticator ignoring excludeCredentials would.
        """
        if credential is None:
            credential = Credential(
                credential_id=os.urandom(32),
                private_key=ec.generate_private_key(ec.SECP256R1()),
                rp_id=rp_id or options["rp"]["id"],
                user_handle=unb64url(options["user"]["id"]),
            )
            self.credentials.append(credential)
        client_data = self._client_data("webauthn.create", options, origin)
        numbers = credential.private_key.public_key().public_numbers()
        public_key = cbor2.dumps(
            {
                COSE_KTY: COSE_EC2,
                COSE_ALG: COSE_ES256,
                COSE_CRV: COSE_P256,
                COSE_X: numbers.x.to_bytes(32, "big"),
                COSE_Y: numbers.y.to_bytes(32, "big"),
            }
        )
        attested = (
            bytes(16)  # AAGUID: none given, as with "none" attestation
            + len(credential.credential_id).to_bytes(2, "big")
            + credential.credential_id
            + public_key
        )
        authenticator_data = (
            self._authenticator_data(credential, ATTESTED_CREDENTIAL_DATA) + attested
        )
        attestation_object = cbor2.dumps(
            {"fmt": "none", "attStmt": {}, "authData": authenticator_data}
        )
        return {
            "id": credential.id,
            "rawId": credential.id,
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation_object),
                "transports": ["internal"],
            },
        }

    def get(self, options, credential=None, origin=None):
        """Answer ``navigator.credentials.get()`` options, signing with a passkey.

        Without ``credential`` it picks the first passkey it holds for the RP
        that the options allow (all of them when none are listed).
        """
        credential = credential or self._choose(options)
        if self.counting:
            credential.sign_count += 1
        authenticator_data = self._authenticator_data(credential)
        client_data = self._client_data("webauthn.get", options, origin)
        signature = credential.private_key.sign(
            authenticator_data + hashlib.sha256(client_data).digest(),
            ec.ECDSA(hashes.SHA256()),
        )
        return {
            "id": credential.id,
            "rawId": credential.id,
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(authenticator_data),
                "signature": b64url(signature),
                "userHandle": b64url(credential.user_handle),
            },
        }

    def _choose(self, options):
        allowed = {item["id"] for item in options.get("allowCredentials", [])}
        for credential in self.credentials:
            if credential.rp_id == options["rpId"] and (
                not allowed or credential.id in allowed
            ):
                return credential
        raise LookupError("no passkey for these options")

    def _client_data(self, ceremony, options, origin):
        return json.dumps(
            {
                "type": ceremony,
                "challenge": options["challenge"],
                "origin": origin or self.origin,
                "crossOrigin": False,
            }
        ).encode()

    def _authenticator_data(self, credential, extra_flags=0):
        flags = USER_PRESENT | USER_VERIFIED | extra_flags
        return (
            hashlib.sha256(credential.rp_id.encode()).digest()
            + bytes([flags])
            + credential.sign_count.to_bytes(4, "big")
        )
