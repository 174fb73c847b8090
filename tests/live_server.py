"""Helpers for tests that run testproject under a real ``runserver`` process."""

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port():
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(server, url, log_path, deadline_seconds=30):
    """Poll ``url`` until the server answers anything; fail with its log if it dies."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    output = log_path.read_text(errors="replace")
    raise RuntimeError(f"runserver is not answering on {url}:\n{output}")


PROJECT_DIR = Path(__file__).resolve().parent.parent / "testproject"


@contextlib.contextmanager
def running_testproject(directory, environment, ready_path="/", port=None):
    """Migrate testproject and serve it with ``runserver``; yield its port.

    ``environment`` is the server's whole environment; its log is written to
    ``directory/runserver.log`` and shown if it never answers. ``port`` is
    for a caller that must know it before the server starts.
    """
    manage = [sys.executable, "manage.py"]
    migrate = subprocess.run(
        [*manage, "migrate", "--noinput"],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    port = port or free_port()
    log_path = directory / "runserver.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=PROJECT_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_answering(
                server, f"http://127.0.0.1:{port}{ready_path}", log_path
            )
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
