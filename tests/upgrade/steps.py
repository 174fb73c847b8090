"""The steps of the upgrade lane; ``run.sh`` runs them in order.

``before STATE``: with djoser 2.3.5 installed, migrate a new database, sign
``alice`` up with a passkey through djoser's own endpoints, log in with it
(djoser's login makes her DRF token) and write what the authenticator holds,
and the token, to STATE.

``after STATE``: with this package installed in djoser's place, migrate,
then log in with the same authenticator through our ``webauthn/login/``
and check that the old token still authenticates ``users/me/``.

``downgrade STATE`` (this package) migrates ``webauthn`` back to djoser's
``0001_initial``; ``back STATE``, with djoser 2.3.5 installed again, logs in
with the same authenticator through djoser's endpoints.

The software authenticator is the test suite's (tests/webauthn); djoser
2.3.5 runs py_webauthn 0.4, whose requests differ from the browser's
``toJSON()``: the functions below reshape them, as djoser 2.x's front ends
did.
"""

import importlib.util
import json
import os
import sys
from pathlib import Path

import django
from cryptography.hazmat.primitives import serialization

HERE = Path(__file__).resolve().parent
USERNAME = "alice"


def load_authenticator_module():
    # By path: the checkout's root must not be on sys.path, or its djoser
    # would shadow the installed one.
    path = HERE.parent / "webauthn" / "authenticator.py"
    spec = importlib.util.spec_from_file_location("soft_authenticator", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


soft = load_authenticator_module()


def expect(response, status):
    if response.status_code != status:
        sys.exit(
            f"{response.request['PATH_INFO']} answered {response.status_code}, "
            f"expected {status}: {getattr(response, 'data', response.content)!r}"
        )
    return response.data


def save_state(path, authenticator, token):
    (credential,) = authenticator.credentials
    state = {
        "credential_id": credential.id,
        "private_key": credential.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
        "rp_id": credential.rp_id,
        "user_handle": soft.b64url(credential.user_handle),
        "sign_count": credential.sign_count,
        "token": token,
    }
    Path(path).write_text(json.dumps(state))


def load_state(path):
    """The saved state, and an authenticator holding the saved passkey."""
    state = json.loads(Path(path).read_text())
    authenticator = soft.SoftAuthenticator()
    authenticator.credentials.append(
        soft.Credential(
            credential_id=soft.unb64url(state["credential_id"]),
            private_key=serialization.load_pem_private_key(
                state["private_key"].encode(), password=None
            ),
            rp_id=state["rp_id"],
            user_handle=soft.unb64url(state["user_handle"]),
            sign_count=state["sign_count"],
        )
    )
    return state, authenticator


def djoser_2_login(client, authenticator):
    """A login through djoser 2.x's endpoints; its DRF token."""
    options = expect(
        client.post(
            "/auth/webauthn/login_request/", {"username": USERNAME}, format="json"
        ),
        200,
    )
    answer = authenticator.get(options)
    return expect(
        client.post(
            "/auth/webauthn/login/",
            {
                "username": USERNAME,
                "id": answer["id"],
                "clientData": answer["response"]["clientDataJSON"],
                "authData": answer["response"]["authenticatorData"],
                # py_webauthn 0.4 reads the signature as hex.
                "signature": soft.unb64url(answer["response"]["signature"]).hex(),
            },
            format="json",
        ),
        201,
    )["auth_token"]


def expect_me(client, token):
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = expect(client.get("/auth/users/me/"), 200)
    assert me["username"] == USERNAME, me


def before(state_path, client):
    """djoser 2.3.5: signup and login with a passkey; a DRF token."""
    options = expect(
        client.post(
            "/auth/webauthn/signup_request/",
            {"username": USERNAME, "display_name": "Alice"},
            format="json",
        ),
        200,
    )
    ukey = options["user"]["id"]
    # py_webauthn 0.4 sends user.id as the ukey string; the browser passes
    # its UTF-8 bytes to the authenticator.
    options["user"]["id"] = soft.b64url(ukey.encode())
    authenticator = soft.SoftAuthenticator()
    answer = authenticator.create(options)
    expect(
        client.post(
            f"/auth/webauthn/signup/{ukey}/",
            {
                "username": USERNAME,
                "clientData": answer["response"]["clientDataJSON"],
                "attObj": answer["response"]["attestationObject"],
            },
            format="json",
        ),
        201,
    )
    token = djoser_2_login(client, authenticator)
    expect_me(client, token)
    save_state(state_path, authenticator, token)
    print("signed up and logged in through djoser 2.3.5's endpoints")


def after(state_path, client):
    """This package: the same authenticator and token after ``migrate``."""
    from djoser.webauthn.models import Passkey

    state, authenticator = load_state(state_path)
    passkey = Passkey.objects.get(credential_id=state["credential_id"])
    assert passkey.sign_count == state["sign_count"], passkey.sign_count
    assert passkey.user.webauthn_handle.handle == state["user_handle"]

    # A discoverable login: no username, the authenticator's user handle.
    options = expect(
        client.post("/auth/webauthn/login_request/", {}, format="json"), 200
    )
    answer = authenticator.get(options)
    new_token = expect(
        client.post("/auth/webauthn/login/", answer, format="json"), 201
    )["auth_token"]
    for token in (state["token"], new_token):
        expect_me(client, token)
    save_state(state_path, authenticator, state["token"])
    passkey.refresh_from_db()
    print(
        f"logged in with the same passkey (sign count {passkey.sign_count}); "
        "the djoser 2.3.5 token still authenticates users/me/"
    )


def back(state_path, client):
    """djoser 2.3.5 again, after ``downgrade``: the passkey still logs in."""
    state, authenticator = load_state(state_path)
    token = djoser_2_login(client, authenticator)
    assert token == state["token"], "djoser 2.x gave another token"
    expect_me(client, token)
    print("after going back, logged in through djoser 2.3.5 with the same passkey")


def main():
    step, state_path = sys.argv[1:3]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upgrade_settings")
    django.setup()

    from importlib.metadata import version

    from django.core.management import call_command
    from rest_framework.test import APIClient

    print(f"djoser {version('djoser')}, webauthn {version('webauthn')}")
    if step == "downgrade":
        call_command("migrate", "webauthn", "0001_initial")
        return
    if step == "after":
        from djoser.webauthn.checks import check_passkey_tables

        found = [message.id for message in check_passkey_tables(databases=["default"])]
        assert found == ["djoser.W701"], found
    # skip_checks=False: as `manage.py migrate` does, the database checks run
    # first (djoser.W701 tells that djoser 2.x's passkeys wait to be moved).
    call_command("migrate", verbosity=1 if step == "after" else 0, skip_checks=False)
    if step == "after":
        # The database checks, including ours, on the upgraded database.
        call_command("check", databases=["default"])
    {"before": before, "after": after, "back": back}[step](state_path, APIClient())


if __name__ == "__main__":
    main()
