"""Login by code under parallel requests (djoser.codes), on PostgreSQL.

docs/security.rst names the guarantees these prove: a code is spent by one
request only, a login_token's code is compared at most MAX_ATTEMPTS (3)
times however many tries arrive at once, and a burst of requests for one
account sends no more codes than its limit and leaves one of them live.
"""

import re

from tests.concurrency.test_bursts import (
    activated,
    assert_no_server_error,
    burst,
    send,
    statuses,
)

CODE = re.compile(r"^([A-Z2-9]{4}(?:-[A-Z2-9]{1,4})+)$", re.MULTILINE)
WRONG_CODE = "AAAA-AAAA"


def _request_code(server, address):
    answer = send(f"{server.url}/auth/login/code/request/", {"email": address})
    assert answer.status == 202, answer.body
    codes = [
        match.group(1)
        for mail in server.mails_to(address)
        for match in [CODE.search(mail)]
        if match
    ]
    assert len(codes) == 1, codes
    return answer.body["login_token"], codes[0]


def test_one_code_confirmed_twenty_times_at_once_logs_in_once(postgres_server, fields):
    server = postgres_server
    account = activated(server, fields)
    login_token, code = _request_code(server, account[fields.email])
    body = {"login_token": login_token, "code": code}

    answers = burst([(f"{server.url}/auth/login/code/confirm/", body)] * 20)

    assert_no_server_error(answers)
    succeeded = [answer for answer in answers if answer.status == 200]
    assert len(succeeded) == 1
    assert set(succeeded[0].body) == {"auth_token"}
    assert all(answer.status == 400 for answer in answers if answer.status != 200)


def test_forty_parallel_wrong_codes_are_checked_at_most_three_times(
    postgres_server, fields
):
    server = postgres_server
    account = activated(server, fields)
    login_token, code = _request_code(server, account[fields.email])
    body = {"login_token": login_token, "code": WRONG_CODE}

    answers = burst([(f"{server.url}/auth/login/code/confirm/", body)] * 40)

    assert_no_server_error(answers)
    # A try answers under "code" only when the code was compared; the rest
    # found the token's tries used up and were refused before comparing.
    compared = [answer for answer in answers if "code" in (answer.body or {})]
    refused = [answer for answer in answers if "login_token" in (answer.body or {})]
    assert len(compared) == 3
    assert len(refused) == 37
    # The right code comes too late: the token is dead.
    late = send(
        f"{server.url}/auth/login/code/confirm/",
        {"login_token": login_token, "code": code},
    )
    assert late.status == 400
    assert "login_token" in late.body


def _live_login_codes(server, fields, address):
    """How many login codes for ``address`` could still be typed in."""
    printed = server.run_in_project(
        "from djoser.codes.models import EmailCode; "
        "print(EmailCode.objects.live().filter("
        f"purpose='login', user__{fields.email}={address!r}).count())"
    )
    return int(printed.split()[-1])


def test_forty_parallel_code_requests_send_at_most_five_codes_and_leave_one_live(
    postgres_server, fields
):
    server = postgres_server
    account = activated(server, fields)
    address = account[fields.email]

    body = {fields.email: address}

    answers = burst([(f"{server.url}/auth/login/code/request/", body)] * 40)

    assert_no_server_error(answers)
    mailed = [mail for mail in server.mails_to(address) if CODE.search(mail)]
    assert 1 <= len(mailed) <= 5
    assert statuses(answers) == [202] * len(mailed) + [429] * (40 - len(mailed))
    # Each request ends the code asked for before: one is left to type in.
    assert _live_login_codes(server, fields, address) == 1


def test_forty_parallel_resends_of_one_login_token_send_at_most_five_codes(
    postgres_server, fields
):
    server = postgres_server
    account = activated(server, fields)
    login_token, _code = _request_code(server, account[fields.email])
    body = {"login_token": login_token}

    answers = burst([(f"{server.url}/auth/login/code/resend/", body)] * 40)

    assert_no_server_error(answers)
    resent = len(server.mails_to(account[fields.email])) - 2  # activation, code
    assert 1 <= resent <= 5
    assert statuses(answers) == [202] * resent + [429] * (40 - resent)
