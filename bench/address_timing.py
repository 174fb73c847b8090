"""Timing an endpoint that answers alike for addresses with and without an account.

The machinery of ``reset_timing.py`` and ``code_timing.py``: the test
project served over real HTTP on 127.0.0.1, with one account, and requests
for its address and for an address no account has alternating in a random
order per pair. ``run()`` prints the median answer time of each and their
ratio, first with emails enqueued (the database task backend, as
``DJOSER_EMAIL_TASKS=1`` sets it), then sent during the request to Django's
in-memory backend for comparison (a real mail server adds its own time
there, which is why ``check --deploy`` warns). The task path's ratio must be
within 1.1: ``run()`` answers the exit status, 1 when it is not.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.1
KNOWN = "known@example.com"
UNKNOWN = "unknown@example.com"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def set_up_project(database):
    os.environ.update(
        DJOSER_EMAIL_TASKS="1",
        DJOSER_DEMO_DB=database,
        DJOSER_USER_MODEL="auth.User",
        DJANGO_SETTINGS_MODULE="testproject.settings",
    )
    sys.path[:0] = [str(ROOT), str(ROOT / "testproject")]
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    get_user_model()._default_manager.create_user(
        "known", email=KNOWN, password="a-long-enough-password-1"
    )


def bench_settings(task_backend, djoser):
    """Mail kept in memory, the delivery path, and ``djoser`` on top."""
    import django
    from django.conf import settings

    backend = "django.core.mail.backends.locmem.EmailBackend"
    mail = (
        {"MAILERS": {"default": {"BACKEND": backend}}}
        if django.VERSION >= (6, 1)
        else {"EMAIL_BACKEND": backend}
    )
    djoser = {**settings.DJOSER, **djoser, "EMAIL_TASK_BACKEND": task_backend}
    return {**mail, "DJOSER": djoser}


def serve():
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def timed_post(port, url, address, status):
    """Seconds one request takes, from sending to the last byte of the answer."""
    body = json.dumps({"email": address})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    started = time.perf_counter()
    connection.request(
        "POST", url, body=body, headers={"Content-Type": "application/json"}
    )
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != status:
        raise SystemExit(f"{address}: HTTP {response.status}")
    return elapsed


def measure(port, url, status, requests):
    """Median seconds for the known and the unknown address, interleaved."""
    for _ in range(30):  # warm up both paths
        timed_post(port, url, KNOWN, status)
        timed_post(port, url, UNKNOWN, status)
    times = {KNOWN: [], UNKNOWN: []}
    for _ in range(requests):
        pair = [KNOWN, UNKNOWN]
        random.shuffle(pair)
        for address in pair:
            times[address].append(timed_post(port, url, address, status))
    return statistics.median(times[KNOWN]), statistics.median(times[UNKNOWN])


def report(title, known, unknown):
    ratio = known / unknown
    print(title)
    print(f"  median, address with an account:    {known * 1000:8.3f} ms")
    print(f"  median, address without an account: {unknown * 1000:8.3f} ms")
    print(f"  ratio known / unknown:               {ratio:8.3f}")
    return ratio


def run(description, url, status, requests, djoser=None):
    """Measure ``url`` (answering ``status``) both ways; the exit status."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--requests", type=int, default=requests, help="per address")
    options = parser.parse_args()
    djoser = djoser or {}

    with tempfile.TemporaryDirectory() as directory:
        set_up_project(str(Path(directory) / "bench.sqlite3"))
        from django.test.utils import override_settings

        server = serve()
        port = server.server_address[1]
        print(f"{options.requests} requests per address, POST {url}\n")
        with override_settings(**bench_settings("default", djoser)):
            task_ratio = report(
                "task path (DJOSER['EMAIL_TASK_BACKEND'] = 'default'):",
                *measure(port, url, status, options.requests),
            )
        with override_settings(**bench_settings(None, djoser)):
            report(
                "\nrequest path, for comparison (sends before answering):",
                *measure(port, url, status, options.requests),
            )
        server.shutdown()

    within = 1 / LIMIT <= task_ratio <= LIMIT
    print(f"\ntask path ratio within {LIMIT}: {'yes' if within else 'NO'}")
    return 0 if within else 1
