"""djoser.sessions under parallel requests: rotation with the session's row
locked, and reuse detection, against gunicorn on PostgreSQL (docs/security.rst,
Sessions)."""

import json
import threading
import time
import urllib.error
import urllib.request

from tests.concurrency.test_bursts import activated, assert_no_server_error, send
from tests.conftest import PASSWORD

# tests/concurrency/server_settings.py sets REUSE_GRACE_PERIOD to two seconds.
GRACE_SECONDS = 2


def jwt_pair(server, fields):
    account = activated(server, fields)
    body = {fields.username: account[fields.username], "password": PASSWORD}
    answer = send(f"{server.url}/auth/jwt/create/", body)
    assert answer.status == 200, answer.body
    return account, answer.body


def refresh(server, token, address="192.0.2.1"):
    return send(f"{server.url}/auth/jwt/refresh/", {"refresh": token}, address=address)


def me(server, access):
    request = urllib.request.Request(
        f"{server.url}/auth/users/me/", headers={"Authorization": f"Bearer {access}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def parallel_refreshes(server, token, count):
    barrier = threading.Barrier(count)
    answers = [None] * count

    def run(number):
        barrier.wait()
        answers[number] = refresh(server, token, address=f"198.51.100.{number + 1}")

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def sessions_of(server, access):
    request = urllib.request.Request(
        f"{server.url}/auth/sessions/", headers={"Authorization": f"Bearer {access}"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_twenty_parallel_refreshes_of_one_token_leave_one_live_refresh_token(
    postgres_server, fields
):
    _account, pair = jwt_pair(postgres_server, fields)

    answers = parallel_refreshes(postgres_server, pair["refresh"], 20)

    assert_no_server_error(answers)
    assert {answer.status for answer in answers} == {200}
    # Every request got the one token the session holds now: no fork.
    assert len({answer.body["refresh"] for answer in answers}) == 1
    current = answers[0].body["refresh"]
    time.sleep(GRACE_SECONDS + 1)
    following = refresh(postgres_server, current)
    assert following.status == 200
    assert len(sessions_of(postgres_server, following.body["access"])) == 1


def test_a_reuse_after_the_grace_period_ends_the_session_and_its_access_token(
    postgres_server, fields
):
    account, pair = jwt_pair(postgres_server, fields)
    current = refresh(postgres_server, pair["refresh"]).body
    assert me(postgres_server, current["access"]) == 200
    time.sleep(GRACE_SECONDS + 1)

    replay = refresh(postgres_server, pair["refresh"])

    assert replay.status == 401
    assert me(postgres_server, current["access"]) == 401
    assert refresh(postgres_server, current["refresh"]).status == 401
    notices = [
        mail
        for mail in postgres_server.mails_to(account[fields.email])
        if "used twice" in mail
    ]
    assert len(notices) == 1


def test_twenty_parallel_replays_of_a_stolen_token_revoke_once_and_tell_once(
    postgres_server, fields
):
    account, pair = jwt_pair(postgres_server, fields)
    current = refresh(postgres_server, pair["refresh"]).body
    time.sleep(GRACE_SECONDS + 1)

    answers = parallel_refreshes(postgres_server, pair["refresh"], 20)

    assert_no_server_error(answers)
    assert {answer.status for answer in answers} == {401}
    assert me(postgres_server, current["access"]) == 401
    notices = [
        mail
        for mail in postgres_server.mails_to(account[fields.email])
        if "used twice" in mail
    ]
    assert len(notices) == 1
