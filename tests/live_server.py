"""Helpers for tests that run testproject under a real ``runserver`` process."""

import socket
import time
import urllib.error
import urllib.request


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
