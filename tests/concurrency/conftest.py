"""Servers for the concurrency suite: PostgreSQL, Redis and the testproject
under gunicorn, each started on a free loopback port and stopped at the end.

gunicorn runs two worker processes of sixteen threads each, so a burst is
served by two processes and many threads at once, as in production.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis

from tests.live_server import free_port

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 2
THREADS = 16


def _binary(name, directory=None):
    path = shutil.which(name, path=directory)
    if path is None:
        raise RuntimeError(f"{name} is not installed; .ci/run installs it")
    return path


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL cluster; initdb refuses root, so run it as postgres."""
    bin_dir = subprocess.check_output(["pg_config", "--bindir"], text=True).strip()
    as_postgres = []
    directory = tempfile.mkdtemp(prefix="djoser-concurrency-pg-")
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres")
        as_postgres = [_binary("runuser"), "-u", "postgres", "--"]
    data = f"{directory}/data"
    port = free_port()
    subprocess.run(
        [*as_postgres, _binary("initdb", bin_dir), "-D", data, "-A", "trust"]
        + ["-U", "postgres"],
        check=True,
        capture_output=True,
    )
    pg_ctl = [*as_postgres, _binary("pg_ctl", bin_dir), "-D", data]
    options = f"-k {directory} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [*pg_ctl, "-l", f"{directory}/server.log", "-w", "-o", options, "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    directory = tmp_path_factory.mktemp("redis")
    port = free_port()
    server = subprocess.Popen(
        [_binary("redis-server"), "--bind", "127.0.0.1", "--port", str(port)]
        + ["--dir", str(directory), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        for _ in range(100):
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    break
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(autouse=True)
def _no_counts_left(redis_url):
    """Every test starts with no request counted."""
    redis.Redis.from_url(redis_url).flushdb()


class Server:
    """The testproject under gunicorn, and what it wrote down."""

    def __init__(self, url, records, environment=None):
        self.url = url
        self.records = records
        self.environment = environment

    def run_in_project(self, code):
        """Run Python ``code`` in a Django shell on the server's database."""
        done = subprocess.run(
            [sys.executable, "-m", "django", "shell", "-c", code],
            env=self.environment,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def password_checks(self):
        log = self.records / "password_checks"
        return len(log.read_text().splitlines()) if log.exists() else 0

    def mails_to(self, address):
        """The bodies of the emails sent to ``address``, in no order."""
        mails = (path.read_text() for path in self.records.glob("mail-*"))
        return [mail for mail in mails if mail.startswith(f"To: {address}\n")]


def _wait_for_both_workers(server, url, log_path, deadline_seconds=60):
    """Poll ``url`` until a few answers came; a worker's first request is slow."""
    deadline = time.monotonic() + deadline_seconds
    answered = 0
    while answered < 2 * WORKERS:
        if time.monotonic() > deadline or server.poll() is not None:
            log = log_path.read_text(errors="replace")
            raise RuntimeError(f"gunicorn is not answering on {url}:\n{log}")
        try:
            urllib.request.urlopen(url, timeout=10).close()
            answered += 1
        except urllib.error.HTTPError:
            answered += 1
        except OSError:
            time.sleep(0.2)


@contextlib.contextmanager
def _gunicorn(directory, database, redis_url):
    records = directory / "records"
    records.mkdir()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.concurrency.server_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "testproject")]),
        "DJOSER_CONCURRENCY_DATABASE": database,
        "DJOSER_CONCURRENCY_REDIS_URL": redis_url,
        "DJOSER_CONCURRENCY_RECORDS": str(records),
    }
    migrate = subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--noinput"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    port = free_port()
    # Settings a gunicorn release does not know are ignored in a config file:
    # no control socket, which newer releases share in the home directory.
    config = directory / "gunicorn.conf.py"
    config.write_text("control_socket_disable = True\n")
    log_path = directory / "gunicorn.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "testproject.wsgi:application"]
            + ["--config", str(config), "--worker-class", "gthread"]
            + ["--workers", str(WORKERS), "--threads", str(THREADS)]
            + ["--bind", f"127.0.0.1:{port}"],
            env=environment,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_for_both_workers(server, f"{url}/auth/users/", log_path)
            yield Server(url, records, environment)
        finally:
            server.terminate()
            server.wait(timeout=20)


@pytest.fixture(scope="session")
def postgres_server(postgres_url, redis_url, tmp_path_factory):
    with _gunicorn(tmp_path_factory.mktemp("pg"), postgres_url, redis_url) as server:
        yield server


@pytest.fixture(scope="session")
def sqlite_server(redis_url, tmp_path_factory):
    directory = tmp_path_factory.mktemp("sqlite")
    with _gunicorn(directory, str(directory / "db.sqlite3"), redis_url) as server:
        yield server
