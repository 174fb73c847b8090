"""Do device proofs and the new login counting make logins slower?

Serves the demo project twice over real HTTP on 127.0.0.1, side by side: once
from this checkout and once from a baseline commit (by default where this
branch left ``main``, before device proofs), each in its own process with its
own SQLite database. Successful logins on ``token/login/`` and
``jwt/create/`` alternate between the two, with the recommended limits on
(the demo's settings, counts in the local-memory cache) and with every limit
off (djoser 2.x's defaults), and with a fast password hasher so that the
framework's work is what is timed. Prints the median time of each and the
ratio this checkout / baseline, which must stay under 1.1 (exit status 1
otherwise).

    .venv/bin/python bench/lockout_cost.py [--requests 300] [--baseline REF]
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.1
ACCOUNT = {"username": "bench", "email": "bench@example.com"}
PASSWORD = "a-long-enough-password-1"
CONFIGURATIONS = {"limits on": "recommended", "limits off": None}
ENDPOINTS = ["/auth/token/login/", "/auth/jwt/create/"]


def serve(root, database, port_file, limits):
    """The child process: the demo project from ``root`` on a free port."""
    os.environ["DJOSER_DEMO_DB"] = database
    os.environ["DJOSER_USER_MODEL"] = "auth.User"
    os.environ["DJANGO_SETTINGS_MODULE"] = "testproject.settings"
    sys.path[:0] = [root, f"{root}/testproject"]
    import logging
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.test.utils import override_settings

    import djoser

    assert Path(djoser.__file__).is_relative_to(root), djoser.__file__
    logging.disable(logging.WARNING)
    djoser_settings = dict(settings.DJOSER)
    if limits is None:
        djoser_settings.pop("THROTTLE_RATES", None)
    override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        DJOSER=djoser_settings,
    ).enable()
    call_command("migrate", verbosity=0)
    get_user_model()._default_manager.create_user(**ACCOUNT, password=PASSWORD)

    class Quiet(WSGIRequestHandler):
        def log_message(self, format, *args):
            pass

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


def start(root, directory, name, limits):
    port_file = Path(directory) / f"{name}.port"
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(root)]
        + ["--database", str(Path(directory) / f"{name}.sqlite3")]
        + ["--port-file", str(port_file), "--limits", limits or "off"],
        env={**os.environ, "PYTHONPATH": ""},
    )
    for _ in range(300):
        if port_file.exists() and port_file.read_text():
            return process, int(port_file.read_text())
        if process.poll() is not None:
            raise SystemExit(f"the {name} server did not start")
        time.sleep(0.1)
    raise SystemExit(f"the {name} server did not start")


def timed_login(connection, url):
    body = json.dumps({"username": ACCOUNT["username"], "password": PASSWORD})
    started = time.perf_counter()
    connection.request(
        "POST", url, body=body, headers={"Content-Type": "application/json"}
    )
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    if response.status != 200:
        raise SystemExit(f"{url}: HTTP {response.status}, not a login")
    return elapsed


def baseline_tree(reference, directory):
    tree = Path(directory) / "baseline"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", reference],
        check=True,
        capture_output=True,
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="per endpoint")
    parser.add_argument("--baseline", help="git ref (default: merge-base with main)")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--port-file", help=argparse.SUPPRESS)
    parser.add_argument("--limits", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        limits = None if options.limits == "off" else options.limits
        return serve(options.serve, options.database, options.port_file, limits)

    reference = (
        options.baseline
        or subprocess.run(
            ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    ratios = []
    print(f"{options.requests} successful logins per endpoint and server")
    print(f"baseline: {reference[:12]}\n")
    with tempfile.TemporaryDirectory() as directory:
        trees = {"baseline": baseline_tree(reference, directory), "this": ROOT}
        for title, limits in CONFIGURATIONS.items():
            processes, connections = [], {}
            try:
                for name, tree in trees.items():
                    process, port = start(tree, directory, f"{name}-{title}", limits)
                    processes.append(process)
                    connections[name] = http.client.HTTPConnection(
                        "127.0.0.1", port, timeout=30
                    )
                print(title)
                for url in ENDPOINTS:
                    times = {name: [] for name in connections}
                    for connection in connections.values():
                        for _ in range(20):  # warm up
                            timed_login(connection, url)
                    for _ in range(options.requests):
                        for name, connection in connections.items():
                            times[name].append(timed_login(connection, url))
                    this = statistics.median(times["this"])
                    baseline = statistics.median(times["baseline"])
                    ratio = this / baseline
                    ratios.append(ratio)
                    print(
                        f"  {url:20} baseline {baseline * 1000:6.2f} ms   "
                        f"this {this * 1000:6.2f} ms   ratio {ratio:5.3f}"
                    )
            finally:
                for connection in connections.values():
                    connection.close()
                for process in processes:
                    process.terminate()
                    process.wait(timeout=10)
    within = all(ratio <= LIMIT for ratio in ratios)
    print(f"\nevery ratio at most {LIMIT}: {'yes' if within else 'NO'}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
