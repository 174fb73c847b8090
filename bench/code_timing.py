"""Does POST login/code/request/ take longer for an address that has an account?

Serves the test project over real HTTP on 127.0.0.1 and alternates requests
for an active account's address and for an address no account has, in a
random order per pair. Prints the median answer time of each and their
ratio, first with emails enqueued (the database task backend, as
``DJOSER_EMAIL_TASKS=1`` sets it), then sent during the request to Django's
in-memory backend. The task path's ratio must be within 1.1 (the exit status
is 1 when it is not); the request path is printed for comparison (a real
mail server adds its own time there, which is why ``check --deploy`` warns).

    .venv/bin/python bench/code_timing.py [--requests 300]
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
URL = "/auth/login/code/request/"


class SilentHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def prepare(database):
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


def bench_settings(task_backend):
    """Mail kept in memory, no rate limit in the way, and the delivery path."""
    import django
    from django.conf import settings

    backend = "django.core.mail.backends.locmem.EmailBackend"
    mail = (
        {"MAILERS": {"default": {"BACKEND": backend}}}
        if django.VERSION >= (6, 1)
        else {"EMAIL_BACKEND": backend}
    )
    djoser = {
        **settings.DJOSER,
        "THROTTLE_RATES": {"login_code_request": None},
        "EMAIL_TASK_BACKEND": task_backend,
    }
    return {**mail, "DJOSER": djoser}


def start_server():
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), handler_class=SilentHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def post(port, address):
    """Seconds one request takes, from sending to the last byte of the answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    body = json.dumps({"email": address})
    started = time.perf_counter()
    connection.request(
        "POST", URL, body=body, headers={"Content-Type": "application/json"}
    )
    answer = connection.getresponse()
    answer.read()
    seconds = time.perf_counter() - started
    connection.close()
    if answer.status != 202:
        raise SystemExit(f"{address}: HTTP {answer.status}")
    return seconds


def medians(port, requests):
    for _ in range(30):  # warm up both paths
        post(port, KNOWN)
        post(port, UNKNOWN)
    seconds = {KNOWN: [], UNKNOWN: []}
    for _ in range(requests):
        order = [KNOWN, UNKNOWN]
        random.shuffle(order)
        for address in order:
            seconds[address].append(post(port, address))
    return statistics.median(seconds[KNOWN]), statistics.median(seconds[UNKNOWN])


def show(title, known, unknown):
    ratio = known / unknown
    print(title)
    print(f"  median, active account:  {known * 1000:8.3f} ms")
    print(f"  median, unknown address: {unknown * 1000:8.3f} ms")
    print(f"  ratio known / unknown:   {ratio:8.3f}")
    return ratio


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="per address")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        prepare(str(Path(directory) / "bench.sqlite3"))
        from django.test.utils import override_settings

        server = start_server()
        port = server.server_address[1]
        print(f"{options.requests} requests per address, POST {URL}\n")
        with override_settings(**bench_settings("default")):
            task_ratio = show(
                "task path (EMAIL_TASK_BACKEND = 'default'):",
                *medians(port, options.requests),
            )
        with override_settings(**bench_settings(None)):
            show(
                "\nrequest path, for comparison (in-memory mail backend):",
                *medians(port, options.requests),
            )
        server.shutdown()

    within = 1 / LIMIT <= task_ratio <= LIMIT
    print(f"\ntask path ratio within {LIMIT}: {'yes' if within else 'NO'}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
