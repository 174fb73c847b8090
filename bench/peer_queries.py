"""SQL queries per operation of bench_project/operations.py, for one configuration.

Run by compare.py with the configuration's interpreter and settings module,
and ``BENCH_CONFIGURATION`` naming it; prints, for the rows that
configuration serves, ``{operation: {package: {"queries": n, "sql": [...]}}}``.
Each request goes through Django's test client (the full middleware stack)
in autocommit, as a server runs it, after the same request once to warm up,
and must answer the status the row expects, or the script fails.
"""

import itertools
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_project.settings")

import django  # noqa: E402

django.setup()

from bench_project import credentials  # noqa: E402
from bench_project.operations import FRESH_KINDS, OPERATIONS  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

_numbers = itertools.count(1)


def prepare(request, values):
    """The request's header and body, filled in as load.py would fill them."""
    filled = {**values, "n": "{n}", "value": "{value}"}
    value = ""
    if request["fresh"]:
        devices = FRESH_KINDS[request["fresh"]]
        value = credentials.fresh(request["fresh"], 1, devices)[0]
    headers = {}
    if request["header"]:
        header = request["header"].format(**filled).replace("{value}", value)
        name, content = header.split(":", 1)
        headers[name.strip()] = content.strip()
    body = ""
    if request["body"]:
        body = request["body"].format(**filled).replace("{n}", str(next(_numbers)))
    return headers, body


def send(client, request, headers, body):
    return client.generic(
        request["method"],
        request["path"],
        body,
        content_type="application/json",
        headers=headers,
    )


def count(request, values):
    # A new client each time: load.py keeps no cookies either.
    send(Client(), request, *prepare(request, values))
    prepared = prepare(request, values)
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        response = send(client, request, *prepared)
    if response.status_code != request["expect"]:
        raise SystemExit(
            f"{request['method']} {request['path']}: {response.status_code}, "
            f"expected {request['expect']}: {response.content[:300]!r}"
        )
    return len(captured.captured_queries), [
        query["sql"] for query in captured.captured_queries
    ]


def main():
    configuration = os.environ["BENCH_CONFIGURATION"]
    call_command("migrate", verbosity=0)
    values = credentials.bench_users()
    results = {}
    for name, row in OPERATIONS.items():
        for package, (served_by, request) in row.items():
            if served_by == configuration:
                queries, sql = count(request, values)
                results.setdefault(name, {})[package] = {"queries": queries, "sql": sql}
    json.dump(results, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
