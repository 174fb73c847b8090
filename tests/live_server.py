"""Helpers for tests that run testproject under real ``runserver`` processes."""

import contextlib
import json
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


REPOSITORY_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = REPOSITORY_DIR / "testproject"


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


def wait_for_port(port, process, timeout=30):
    """Wait until ``process`` accepts connections on ``port``; fail if it exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited: {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


@contextlib.contextmanager
def running_servers(environment, count=2, output=subprocess.DEVNULL):
    """Serve the settings ``environment`` names with ``count`` runserver processes.

    Yields their base URLs; the processes share whatever database and cache
    the settings give them. ``output`` receives what they print.
    """
    ports = [free_port() for _ in range(count)]
    processes = [
        subprocess.Popen(
            [
                *[sys.executable, "-m", "django"],
                "runserver",
                "--noreload",
                "--skip-checks",
                f"127.0.0.1:{port}",
            ],
            env=environment,
            cwd=REPOSITORY_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for_port(port, process)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def request_json(url, body=None, headers=None, method="POST", timeout=30):
    """Status, headers and JSON body of a real HTTP request with a JSON body."""
    request = urllib.request.Request(
        url,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, response_headers, content = (
                response.status,
                response.headers,
                response.read(),
            )
    except urllib.error.HTTPError as error:
        status, response_headers, content = error.code, error.headers, error.read()
    return status, response_headers, json.loads(content) if content else None
