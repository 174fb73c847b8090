"""Guarantees under parallel requests, against a real multi-process server.

Each burst is a set of threads released together by a barrier, against the
testproject under gunicorn (2 processes x 16 threads) on PostgreSQL, with its
counters in Redis. docs/security.rst names the guarantee each test proves.
Every request of a burst comes from its own address (X-Forwarded-For, with
NUM_PROXIES = 1): only the per-account limits stand in the way.
"""

import json
import re
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass

import pyotp
import pytest

from tests.conftest import PASSWORD

WRONG = "not-the-password"


@dataclass
class Answer:
    status: int
    headers: dict
    body: object


def send(url, body=None, address="192.0.2.1", token=None, method="POST", headers=None):
    headers = {
        "Content-Type": "application/json",
        "X-Forwarded-For": address,
        **(headers or {}),
    }
    if token:
        headers["Authorization"] = f"Token {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, headers, content = (
                response.status,
                response.headers,
                response.read(),
            )
    except urllib.error.HTTPError as error:
        status, headers, content = error.code, error.headers, error.read()
    try:
        parsed = json.loads(content) if content else None
    except ValueError:
        parsed = content
    return Answer(status, dict(headers), parsed)


def burst(requests, token=None, method="POST"):
    """Send every ``(url, body)`` or ``(url, body, method)`` at once, each
    from its own address, with ``token`` where one is given; ``method`` is
    the default for the requests that name none."""
    barrier = threading.Barrier(len(requests))
    answers = [None] * len(requests)

    def run(number, url, body, request_method=None):
        barrier.wait()
        address = f"198.51.100.{number + 1}"
        answers[number] = send(url, body, address, token, request_method or method)

    threads = [
        threading.Thread(target=run, args=(number, *request))
        for number, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def statuses(answers):
    return sorted(answer.status for answer in answers)


def assert_no_server_error(answers):
    assert all(answer.status < 500 for answer in answers), statuses(answers)


LINKS = {
    "activation": "#/activate/",
    "password_reset": "#/password/reset/confirm/",
    "username_reset": "#/username/reset/confirm/",
    "not_me": "#/not-me/",
}


def link_in(server, address, kind):
    """The uid and token of the one ``kind`` link mailed to ``address``."""
    pattern = re.escape(LINKS[kind]) + r"(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)"
    links = [
        match.groupdict()
        for mail in server.mails_to(address)
        for match in [re.search(pattern, mail)]
        if match
    ]
    assert len(links) == 1, links
    return links[0]


def register(server, fields):
    """A new inactive account, and its fields."""
    account = {**fields.values(), "password": PASSWORD}
    answer = send(f"{server.url}/auth/users/", account)
    assert answer.status == 201, answer.body
    return account


def activated(server, fields):
    account = register(server, fields)
    link = link_in(server, account[fields.email], "activation")
    assert send(f"{server.url}/auth/users/activation/", link).status == 204
    return account


def login_body(fields, account, password):
    return {fields.username: account[fields.username], "password": password}


def test_forty_parallel_wrong_passwords_are_checked_at_most_ten_times(
    postgres_server, fields
):
    server = postgres_server
    account = activated(server, fields)
    body = login_body(fields, account, WRONG)
    logins = [f"{server.url}/auth/token/login/", f"{server.url}/auth/jwt/create/"]
    checks_before = server.password_checks()

    answers = burst([(logins[number % 2], body) for number in range(40)])

    checked = server.password_checks() - checks_before
    assert_no_server_error(answers)
    assert 1 <= checked <= 10
    refused = [answer for answer in answers if answer.status == 429]
    assert len(refused) == 40 - checked
    assert all(int(answer.headers["Retry-After"]) >= 1 for answer in refused)
    assert {answer.status for answer in answers} <= {400, 401, 429}


def test_forty_parallel_resets_send_at_most_five_mails(postgres_server, fields):
    server = postgres_server
    account = activated(server, fields)
    address = account[fields.email]
    body = {fields.email: address}

    answers = burst([(f"{server.url}/auth/users/reset_password/", body)] * 40)

    assert_no_server_error(answers)
    mailed = [
        mail for mail in server.mails_to(address) if LINKS["password_reset"] in mail
    ]
    assert 1 <= len(mailed) <= 5
    assert statuses(answers) == [204] * len(mailed) + [429] * (40 - len(mailed))


def _use_reset_link(server, fields, account):
    """Twenty uses of one password reset link, each with its own new password."""
    send(
        f"{server.url}/auth/users/reset_password/",
        {fields.email: account[fields.email]},
    )
    link = link_in(server, account[fields.email], "password_reset")
    requests = [
        (
            f"{server.url}/auth/users/reset_password_confirm/",
            {**link, "new_password": f"new-password-{number}-stable-horse"},
        )
        for number in range(20)
    ]
    return requests, lambda answers: _only_the_winning_password_works(
        server, fields, account, requests, answers
    )


def _only_the_winning_password_works(server, fields, account, requests, answers):
    passwords = {
        answer.status == 204: body["new_password"]
        for (_, body), answer in zip(requests, answers, strict=True)
    }
    login = f"{server.url}/auth/token/login/"
    if True in passwords:
        won = send(login, login_body(fields, account, passwords[True]))
        assert won.status == 200
    lost = send(login, login_body(fields, account, passwords[False]))
    assert lost.status == 400


def _use_username_link(server, fields, account):
    url = f"{server.url}/auth/users/reset_{fields.username}/"
    send(url, {fields.email: account[fields.email]})
    link = link_in(server, account[fields.email], "username_reset")
    requests = [
        (
            f"{server.url}/auth/users/reset_{fields.username}_confirm/",
            {**link, f"new_{fields.username}": fields.values()[fields.username]},
        )
        for _ in range(20)
    ]
    return requests, lambda answers: None


def _use_activation_link(server, fields, account):
    link = link_in(server, account[fields.email], "activation")
    requests = [(f"{server.url}/auth/users/activation/", link)] * 20
    return requests, lambda answers: None


# link: (how to get the account, how to use its link, the losers' statuses)
LINK_USES = {
    "reset_password_confirm": (activated, _use_reset_link, {400}),
    "reset_username_confirm": (activated, _use_username_link, {400}),
    "activation": (register, _use_activation_link, {403}),
}


@pytest.mark.parametrize("link", list(LINK_USES))
def test_one_link_posted_twenty_times_at_once_works_exactly_once_on_postgresql(
    postgres_server, fields, link
):
    make_account, use_link, losing_statuses = LINK_USES[link]
    account = make_account(postgres_server, fields)
    requests, check_effect = use_link(postgres_server, fields, account)

    answers = burst(requests)

    assert_no_server_error(answers)
    assert statuses(answers).count(204) == 1, statuses(answers)
    assert {answer.status for answer in answers} - {204} <= losing_statuses
    check_effect(answers)


@pytest.mark.parametrize("link", list(LINK_USES))
def test_one_link_posted_twenty_times_at_once_works_at_most_once_on_sqlite(
    sqlite_server, fields, link
):
    make_account, use_link, losing_statuses = LINK_USES[link]
    account = make_account(sqlite_server, fields)
    requests, check_effect = use_link(sqlite_server, fields, account)

    answers = burst(requests)

    assert_no_server_error(answers)
    assert statuses(answers).count(204) <= 1, statuses(answers)
    assert {answer.status for answer in answers} - {204} <= losing_statuses
    check_effect(answers)


def test_parallel_logins_of_one_user_keep_max_per_user_device_tokens(
    postgres_server, fields
):
    server = postgres_server
    account = activated(server, fields)
    body = login_body(fields, account, PASSWORD)

    answers = burst([(f"{server.url}/auth/token/login/", body)] * 20)

    assert_no_server_error(answers)
    keys = [answer.body["auth_token"] for answer in answers if answer.status == 200]
    assert len(keys) > 3  # more logins succeeded than the cap allows tokens
    assert {answer.status for answer in answers} <= {200, 429}
    working = [
        key
        for key in keys
        if send(f"{server.url}/auth/users/me/", token=key, method="GET").status == 200
    ]
    assert len(working) == 3  # DEVICE_TOKENS["MAX_PER_USER"]


def signed_in(server, fields):
    """An active account and a device token of it."""
    account = activated(server, fields)
    body = login_body(fields, account, PASSWORD)
    answer = send(f"{server.url}/auth/token/login/", body)
    assert answer.status == 200, answer.body
    return account, answer.body["auth_token"]


def test_twenty_parallel_wrong_reauthentications_count_exactly_up_to_the_limit(
    postgres_server, fields
):
    server = postgres_server
    _, token = signed_in(server, fields)
    url = f"{server.url}/auth/reauthenticate/"
    wrong = {"current_password": WRONG}
    checks_before = server.password_checks()

    answers = burst([(url, wrong)] * 20, token=token)

    assert_no_server_error(answers)
    assert statuses(answers) == [400] * 10 + [429] * 10
    assert server.password_checks() - checks_before == 10
    # The account's count is full: the right password waits for the window.
    right = send(url, {"current_password": PASSWORD}, "192.0.2.77", token)
    assert right.status == 429


def test_the_owners_two_step_login_succeeds_after_a_thiefs_failures(
    postgres_server, fields
):
    server = postgres_server
    account, token = signed_in(server, fields)
    base = f"{server.url}/auth"
    proof = {"current_password": PASSWORD}
    assert send(f"{base}/reauthenticate/", proof, token=token).status == 200
    secret = send(f"{base}/mfa/totp/", None, token=token, method="GET").body["secret"]
    code = {"code": pyotp.TOTP(secret).now()}
    turned_on = send(f"{base}/mfa/totp/", code, token=token)
    assert turned_on.status == 201, turned_on.body
    recovery_codes = turned_on.body["recovery_codes"]
    # The thief's copy: a device token of another two-step login, made after
    # the owner turned two-factor sign-in on (turning it on ends every token
    # made before, and the owner's own token is fresh).
    thief_login = send(f"{base}/token/login/", login_body(fields, account, PASSWORD))
    assert thief_login.status == 401, thief_login.body
    thief_step = {"mfa_token": thief_login.body["mfa_token"], "code": recovery_codes[1]}
    thief_verified = send(f"{base}/mfa/verify/", thief_step)
    assert thief_verified.status == 200, thief_verified.body
    thief_token = thief_verified.body["auth_token"]
    # Wrong codes at reauthenticate/ and at DELETE mfa/totp/, all at once.
    guesses = [
        (f"{base}/reauthenticate/", {"code": f"{number:06d}"}, "POST")
        if number % 2
        else (f"{base}/mfa/totp/", {"code": f"{number:06d}"}, "DELETE")
        for number in range(20)
    ]

    answers = burst(guesses, token=thief_token)

    assert_no_server_error(answers)
    assert statuses(answers) == [400] * 10 + [429] * 10
    login = send(f"{base}/token/login/", login_body(fields, account, PASSWORD))
    assert login.status == 401, login.body
    second_step = {"mfa_token": login.body["mfa_token"], "code": recovery_codes[0]}
    finished = send(f"{base}/mfa/verify/", second_step)
    assert finished.status == 200, finished.body
    assert finished.body["auth_token"]


def test_parallel_unlinks_never_leave_an_account_without_a_way_in(
    postgres_server, fields
):
    server = postgres_server
    account = activated(server, fields)
    login = send(
        f"{server.url}/auth/token/login/", login_body(fields, account, PASSWORD)
    )
    token = login.body["auth_token"]
    # The account signs in only through thirty provider accounts from now on.
    links = server.run_in_project(
        "from django.contrib.auth import get_user_model\n"
        "from social_django.models import UserSocialAuth\n"
        "user = get_user_model()._default_manager.get("
        f"**{{get_user_model().USERNAME_FIELD: {account[fields.username]!r}}})\n"
        "user.set_unusable_password()\n"
        "user.save()\n"
        "links = [UserSocialAuth.objects.create(user=user, provider='oidc', "
        "uid=f'burst-{number}') for number in range(30)]\n"
        "print('links:', *(link.pk for link in links))\n"
    )
    links = next(
        line.split()[1:] for line in links.splitlines() if line.startswith("links:")
    )

    answers = burst(
        [(f"{server.url}/auth/social/accounts/{pk}/", None) for pk in links],
        token=token,
        method="DELETE",
    )

    assert_no_server_error(answers)
    assert statuses(answers) == [204] * 29 + [400]
    left = send(f"{server.url}/auth/social/accounts/", token=token, method="GET").body
    assert len(left) == 1


def test_twenty_parallel_uses_of_a_not_me_link_work_exactly_once(
    postgres_server, fields
):
    server = postgres_server
    account, token = signed_in(server, fields)
    base = f"{server.url}/auth"
    proof = {"current_password": PASSWORD}
    assert send(f"{base}/reauthenticate/", proof, token=token).status == 200
    secret = send(f"{base}/mfa/totp/", None, token=token, method="GET").body["secret"]
    code = {"code": pyotp.TOTP(secret).now()}
    assert send(f"{base}/mfa/totp/", code, token=token).status == 201
    link = link_in(server, account[fields.email], "not_me")

    answers = burst([(f"{base}/users/not_me/", link)] * 20)

    assert_no_server_error(answers)
    assert statuses(answers) == [204] + [400] * 19
    # One notice of what went, one reset link: the owner signs in without a code.
    reset = link_in(server, account[fields.email], "password_reset")
    new_password = {**reset, "new_password": "new-password-stable-horse"}
    confirmed = send(f"{base}/users/reset_password_confirm/", new_password)
    assert confirmed.status == 204
    body = login_body(fields, account, "new-password-stable-horse")
    login = send(f"{base}/token/login/", body)
    assert login.status == 200, login.body
    assert "auth_token" in login.body
