"""No one can lock the owner out: docs/security.rst, "Lock-out".

Twenty wrong passwords and twenty forged passkey assertions, all at once and
each from its own address, fill the account's and the passkey's counts. The
owner still signs in with the password on a client that carries a device
proof, and with the passkey (discoverable) on a client that carries none; a
client without a proof is refused the password, as before.
"""

import threading

from cryptography.hazmat.primitives.asymmetric import ec

from tests.concurrency.test_bursts import (
    WRONG,
    activated,
    assert_no_server_error,
    login_body,
    send,
    statuses,
)
from tests.conftest import PASSWORD
from tests.webauthn.authenticator import Credential, SoftAuthenticator

OWNER = "203.0.113.10"


def _with_passkey(server, token):
    """A passkey added to the signed-in account; the authenticator holding it."""
    authenticator = SoftAuthenticator()
    webauthn = f"{server.url}/auth/webauthn"
    # Adding a passkey asks for a fresh reauthentication of the token.
    proof = {"current_password": PASSWORD}
    reauthenticated = send(
        f"{server.url}/auth/reauthenticate/", proof, OWNER, token=token
    )
    assert reauthenticated.status == 200, reauthenticated.body
    options = send(f"{webauthn}/passkeys/add_request/", {}, OWNER, token=token)
    assert options.status == 200, options.body
    added = send(
        f"{webauthn}/passkeys/add/",
        authenticator.create(options.body),
        OWNER,
        token=token,
    )
    assert added.status == 201, added.body
    return authenticator


def _forged(authenticator, options):
    real = authenticator.credentials[0]
    forger = Credential(
        credential_id=real.credential_id,
        private_key=ec.generate_private_key(ec.SECP256R1()),
        rp_id=real.rp_id,
        user_handle=real.user_handle,
    )
    return authenticator.get(options, credential=forger)


def _all_at_once(requests):
    """Send every ``(url, body, address)`` at once."""
    barrier = threading.Barrier(len(requests))
    answers = [None] * len(requests)

    def run(number, url, body, address):
        barrier.wait()
        answers[number] = send(url, body, address=address)

    threads = [
        threading.Thread(target=run, args=(number, *request))
        for number, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_strangers_cannot_lock_the_owner_out_of_password_or_passkey(
    postgres_server, fields
):
    server = postgres_server
    account = activated(server, fields)
    login = f"{server.url}/auth/token/login/"
    owner = send(login, login_body(fields, account, PASSWORD), OWNER)
    assert owner.status == 200, owner.body
    proof = owner.headers["Device-Proof"]
    authenticator = _with_passkey(server, owner.body["auth_token"])
    webauthn = f"{server.url}/auth/webauthn"
    challenges = [
        send(f"{webauthn}/login_request/", {}, f"198.51.101.{number}").body
        for number in range(20)
    ]

    wrong = login_body(fields, account, WRONG)
    answers = _all_at_once(
        [(login, wrong, f"198.51.100.{number}") for number in range(20)]
        + [
            (f"{webauthn}/login/", _forged(authenticator, options), f"198.51.101.{n}")
            for n, options in enumerate(challenges)
        ]
    )

    assert_no_server_error(answers)
    passwords, assertions = answers[:20], answers[20:]
    assert 429 in statuses(passwords)  # the account's count is full
    assert set(statuses(assertions)) <= {400, 429}
    assert 429 in statuses(assertions)  # and so is the passkey's
    right = login_body(fields, account, PASSWORD)
    # Without a proof the password is refused, as before ...
    stranger = send(login, right, "192.0.2.99")
    assert stranger.status == 429
    assert int(stranger.headers["Retry-After"]) >= 1
    # ... with the owner's proof it is not.
    with_proof = send(login, right, "192.0.2.99", headers={"Device-Proof": proof})
    assert with_proof.status == 200, with_proof.body
    assert list(with_proof.body) == ["auth_token"]
    # The passkey signs in with no proof at all.
    options = send(f"{webauthn}/login_request/", {}, "192.0.2.98").body
    passkey = send(f"{webauthn}/login/", authenticator.get(options), "192.0.2.98")
    assert passkey.status == 201, passkey.body


def test_strangers_who_use_up_the_reset_emails_do_not_keep_the_owner_from_one(
    postgres_server, fields
):
    # password_reset is 5/hour per account here: twenty requests at once from
    # twenty addresses send at most five; the owner's client, with its device
    # proof, still gets its link.
    server = postgres_server
    account = activated(server, fields)
    owner = send(
        f"{server.url}/auth/token/login/",
        login_body(fields, account, PASSWORD),
        OWNER,
    )
    assert owner.status == 200, owner.body
    reset = f"{server.url}/auth/users/reset_password/"
    address = {fields.email: account[fields.email]}
    mails_before = len(server.mails_to(account[fields.email]))

    answers = _all_at_once(
        [(reset, address, f"198.51.102.{number}") for number in range(20)]
    )

    assert_no_server_error(answers)
    assert statuses(answers).count(204) <= 5
    assert 429 in statuses(answers)
    sent_to_strangers = len(server.mails_to(account[fields.email])) - mails_before
    assert sent_to_strangers <= 5
    stranger = send(reset, address, "192.0.2.97")
    assert stranger.status == 429
    with_proof = send(
        reset,
        address,
        "192.0.2.97",
        headers={"Device-Proof": owner.headers["Device-Proof"]},
    )
    assert with_proof.status == 204, with_proof.body
    assert (
        len(server.mails_to(account[fields.email])) - mails_before
        == sent_to_strangers + 1
    )
