"""Fuzz the test project's API with schemathesis, over its own OpenAPI schema.

Usage: ``python .ci/fuzz.py SCHEMATHESIS_BIN`` with the project's interpreter.

For each lane (a user model and settings) the test project is served by
Django's development server on 127.0.0.1 with a fresh SQLite database, an
account is created and logged in through ``jwt/create``, and schemathesis
runs every operation of ``/api/schema/`` with that account's access token.
Checks: no 5xx, documented status codes, content types, headers and bodies.
Bounded by examples per operation and a time limit per pass, and
deterministic (fixed seed, no example database).
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent / "testproject"
CONFIG = Path(__file__).resolve().parent / "schemathesis.toml"
SEED = "20261128"
MAX_EXAMPLES = "10"
PASS_TIMEOUT = 420  # seconds; a pass that takes longer fails the run
PASSWORD = "fuzz-account-password-1"
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)

LANES = [
    ("auth.User, default settings", {"DJOSER_USER_MODEL": "auth.User"}),
    (
        "testapp.CustomUser, every RETYPE setting on",
        {"DJOSER_USER_MODEL": "testapp.CustomUser", "DJOSER_FUZZ_RETYPE": "1"},
    ),
]

# With SEND_ACTIVATION_EMAIL on, a new email address deactivates the account
# until it is activated again; so PUT and PATCH, which can change it, each
# run with an account of their own after everything else has run with the
# first one. DELETE needs the password, which the fuzzer never guesses.
ACCOUNT_CHANGING = [
    "users_me_update",
    "users_me_partial_update",
    "users_update",
    "users_partial_update",
]
# With djoser.sessions a logout ends the session of the access token it was
# made with, and every later request of the pass would answer 401: these
# too run each with an account of its own, after the others.
SESSION_ENDING = [
    "token_logout",
    "token_logout_all",
    "sessions_destroy",
]
ON_THEIR_OWN = ACCOUNT_CHANGING + SESSION_ENDING

# The browser client (djoser.urls.browser) serves the same views again under
# auth/browser/: a pass of its own, so neither pass nears PASS_TIMEOUT. Its
# unsafe operations answer 403 to the fuzzer, which holds no CSRF cookie.
BROWSER_CLIENT = "^/auth/browser/"

# Creates ``count`` active accounts; prints their login field, login and id.
CREATE_ACCOUNTS = """
import json
from django.contrib.auth import get_user_model
User = get_user_model()
accounts = []
for number in range({count}):
    login = f"fuzzer{{number}}@example.com"
    fields = [User.get_email_field_name(), *User.REQUIRED_FIELDS]
    values = {{name: login for name in fields if name != User.USERNAME_FIELD}}
    user = User._default_manager.create_user(login, password={password!r}, **values)
    accounts.append({{"field": User.USERNAME_FIELD, "login": login, "id": user.pk}})
print(json.dumps(accounts))
"""


def create_accounts(env, count):
    script = CREATE_ACCOUNTS.format(count=count, password=PASSWORD)
    output = manage(env, "shell", "-c", script, capture_output=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        check=True,
        **kwargs,
    )


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def access_token(base, account):
    body = json.dumps(
        {account["field"]: account["login"], "password": PASSWORD}
    ).encode()
    request = urllib.request.Request(
        f"{base}/auth/jwt/create/",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["access"]


def run_lane(schemathesis, name, lane_env, workdir):
    """Fuzz one lane; answers whether it passed and everything it printed."""
    log = [f"\n---- fuzzing: {name} ----"]
    env = {
        **os.environ,
        **lane_env,
        "DJANGO_SETTINGS_MODULE": "testproject.fuzz_settings",
        "DJOSER_DEMO_DB": str(workdir / "db.sqlite3"),
    }
    manage(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_log = workdir / "server.log"
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=server_log.open("w"),
    )
    account_changing_filters = []
    for operation_id in ON_THEIR_OWN:
        account_changing_filters += ["--exclude-operation-id", operation_id]
    passes = [
        (
            "every other operation",
            [*account_changing_filters, "--exclude-path-regex", BROWSER_CLIENT],
        ),
        ("the browser client", ["--include-path-regex", BROWSER_CLIENT]),
    ]
    passes += [
        (operation_id, ["--include-operation-id", operation_id])
        for operation_id in ON_THEIR_OWN
    ]
    accounts = create_accounts(env, len(passes))
    failed = False
    try:
        wait_for(f"{base}/api/schema/")
        for account, (pass_name, filters) in zip(accounts, passes, strict=True):
            log.append(f"-- {pass_name} --")
            token = access_token(base, account)
            command = [
                schemathesis,
                "--config-file",
                str(CONFIG),
                "run",
                f"{base}/api/schema/",
                "--url",
                base,
                "--checks",
                CHECKS,
                "--max-examples",
                MAX_EXAMPLES,
                "--seed",
                SEED,
                "--generation-database",
                "none",
                "--phases",
                "examples,coverage,fuzzing",
                "--workers",
                "1",
                "--header",
                f"Authorization: Bearer {token}",
                "--no-color",
                *filters,
            ]
            # users/{id}/ addresses the signed-in account (.ci/schemathesis.toml).
            pass_env = {**os.environ, "FUZZ_ACCOUNT_ID": str(account["id"])}
            result = subprocess.run(
                command,
                # schemathesis keeps a cache in its working directory.
                cwd=workdir,
                env=pass_env,
                timeout=PASS_TIMEOUT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            log.append(result.stdout)
            failed = failed or result.returncode != 0
    finally:
        server.terminate()
        server.wait(timeout=10)
    errors = server_log.read_text()
    if errors.strip():
        log.append(f"-- server errors --\n{errors}")
    return not failed, "\n".join(log)


def run_lane_in(schemathesis, name, lane_env):
    with tempfile.TemporaryDirectory() as workdir:
        return run_lane(schemathesis, name, lane_env, Path(workdir))


def main():
    # Absolute: schemathesis runs in each lane's temporary directory.
    schemathesis = str(Path(sys.argv[1]).resolve())
    started = time.monotonic()
    # The lanes mostly wait on their servers: run them side by side and print
    # each one's output whole.
    with ThreadPoolExecutor(max_workers=len(LANES)) as pool:
        futures = {
            name: pool.submit(run_lane_in, schemathesis, name, lane_env)
            for name, lane_env in LANES
        }
    results = {}
    for name, future in futures.items():
        results[name], output = future.result()
        print(output, flush=True)
    print(f"\n---- fuzzing summary ({time.monotonic() - started:.0f}s) ----")
    for name, passed in results.items():
        print(f"{'passed' if passed else 'FAILED'}: {name}")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
