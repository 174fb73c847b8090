"""Does POST users/reset_password/ take longer for an address that has an account?

Serves the demo project over real HTTP on 127.0.0.1, with email delivery on
the task path (the database task backend, as ``DJOSER_EMAIL_TASKS=1`` sets
it), and alternates requests for an account's address and for an address no
account has. Prints the median response time of each and their ratio, which
must be within 1.1 (the exit status is 1 when it is not). The same figures
for the request path, which sends the email before answering, follow for
comparison.

    .venv/bin/python bench/reset_timing.py [--requests 400]
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
URL = "/auth/users/reset_password/"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def set_up_project(database):
    os.environ["DJOSER_EMAIL_TASKS"] = "1"
    os.environ["DJOSER_DEMO_DB"] = database
    os.environ["DJOSER_USER_MODEL"] = "auth.User"
    os.environ["DJANGO_SETTINGS_MODULE"] = "testproject.settings"
    sys.path[:0] = [str(ROOT), str(ROOT / "testproject")]
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    get_user_model()._default_manager.create_user(
        "known", email=KNOWN, password="a-long-enough-password-1"
    )


def memory_mail():
    """Settings that keep sent mail in memory: the comparison sends for real."""
    import django

    backend = "django.core.mail.backends.locmem.EmailBackend"
    if django.VERSION >= (6, 1):
        return {"MAILERS": {"default": {"BACKEND": backend}}}
    return {"EMAIL_BACKEND": backend}


def serve():
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def timed_post(port, address):
    body = json.dumps({"email": address})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    started = time.perf_counter()
    connection.request(
        "POST", URL, body=body, headers={"Content-Type": "application/json"}
    )
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 204:
        raise SystemExit(f"{address}: HTTP {response.status}")
    return elapsed


def measure(port, requests):
    """Median seconds for the known and the unknown address, interleaved."""
    for _ in range(30):
        timed_post(port, KNOWN)
        timed_post(port, UNKNOWN)
    times = {KNOWN: [], UNKNOWN: []}
    for _ in range(requests):
        pair = [KNOWN, UNKNOWN]
        random.shuffle(pair)
        for address in pair:
            times[address].append(timed_post(port, address))
    return statistics.median(times[KNOWN]), statistics.median(times[UNKNOWN])


def report(title, known, unknown):
    ratio = known / unknown
    print(title)
    print(f"  median, address with an account:    {known * 1000:8.3f} ms")
    print(f"  median, address without an account: {unknown * 1000:8.3f} ms")
    print(f"  ratio known / unknown:               {ratio:8.3f}")
    return ratio


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="per address")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        set_up_project(str(Path(directory) / "bench.sqlite3"))
        from django.conf import settings
        from django.test.utils import override_settings

        server = serve()
        port = server.server_address[1]
        with override_settings(**memory_mail()):
            print(f"{options.requests} requests per address, POST {URL}\n")
            task_ratio = report(
                "task path (DJOSER['EMAIL_TASK_BACKEND'] = 'default'):",
                *measure(port, options.requests),
            )
            request_path = {**settings.DJOSER, "EMAIL_TASK_BACKEND": None}
            with override_settings(DJOSER=request_path):
                report(
                    "\nrequest path, for comparison (sends before answering):",
                    *measure(port, options.requests),
                )
        server.shutdown()

    within = 1 / LIMIT <= task_ratio <= LIMIT
    print(f"\ntask path ratio within {LIMIT}: {'yes' if within else 'NO'}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
