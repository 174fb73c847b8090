"""A Redis outage mid-run: docs/security.rst, "When the cache is down".

The server gets a Redis of its own, which the test stops while requests
arrive: every limited endpoint answers the documented 503 with
``Retry-After`` (fail closed) and none a 500. Once Redis is back, the
counts work again: the eleventh wrong password is refused.
"""

import contextlib
import subprocess
import time

import pytest
import redis

from tests.concurrency.conftest import _binary, _gunicorn
from tests.concurrency.test_bursts import (
    LINKS,
    WRONG,
    activated,
    burst,
    login_body,
    send,
    statuses,
)
from tests.conftest import PASSWORD
from tests.live_server import free_port


class RedisServer:
    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [_binary("redis-server"), "--bind", "127.0.0.1"]
            + ["--port", str(self.port), "--dir", str(self.directory)]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def own_redis(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("outage-redis"))
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture(scope="module")
def outage_server(postgres_url, own_redis, tmp_path_factory):
    directory = tmp_path_factory.mktemp("outage")
    with _gunicorn(directory, postgres_url, own_redis.url) as server:
        yield server


def _until(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        answer = condition()
        if answer is not None:
            return answer
        time.sleep(0.2)
    raise AssertionError("the server did not recover")


def test_a_redis_outage_answers_503_then_counting_resumes(
    outage_server, own_redis, fields
):
    server = outage_server
    account = activated(server, fields)
    login = f"{server.url}/auth/token/login/"
    reset = f"{server.url}/auth/users/reset_password/"
    assert send(login, login_body(fields, account, PASSWORD)).status == 200

    own_redis.stop()
    answers = burst(
        [(login, login_body(fields, account, PASSWORD))] * 5
        + [(login, login_body(fields, account, WRONG))] * 5
        + [(reset, {fields.email: account[fields.email]})] * 5
        + [(f"{server.url}/auth/jwt/create/", login_body(fields, account, PASSWORD))]
        * 5
    )

    assert 500 not in statuses(answers)
    assert statuses(answers) == [503] * 20
    assert {answer.headers["Retry-After"] for answer in answers} == {"30"}
    assert {answer.body["detail"] for answer in answers} == {
        "Rate limits cannot be checked right now. Try again shortly."
    }
    mails = server.mails_to(account[fields.email])
    assert not [mail for mail in mails if LINKS["password_reset"] in mail]

    own_redis.start()
    right = login_body(fields, account, PASSWORD)
    _until(lambda: True if send(login, right).status == 200 else None)
    wrong = login_body(fields, account, WRONG)
    answers = [send(login, wrong, address=f"198.51.100.{n}") for n in range(10)]
    assert statuses(answers) == [400] * 10
    refused = send(login, right, address="198.51.100.77")
    assert refused.status == 429
    assert int(refused.headers["Retry-After"]) >= 1
