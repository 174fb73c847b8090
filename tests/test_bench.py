"""The benchmark's query counting runs, and reports what the docs state.

bench/compare.py also builds the environments of djoser 2.3.5, dj-rest-auth
and django-rest-knox; this runs only our side, in this interpreter, on the
bench project, and checks the table that wires the peers in.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.append(str(BENCH))

from bench_project import operations  # noqa: E402

# The bench project's figures for this package (docs/performance.rst).
EXPECTED = {
    "register": 4,
    "register (activation email)": 4,
    "token login (new token)": 4,
    "token login (token exists)": 3,
    "jwt create": 1,
    "jwt refresh": 1,
    "jwt verify": 0,
    "users/me/ GET": 1,
    "users/me/ PATCH": 2,
    "set_password": 2,
    "set_username": 3,
    "reset_password (known)": 1,
    "reset_password (unknown)": 1,
    # BEGIN IMMEDIATE (SQLite's write lock), the user, its change, COMMIT: a
    # link is checked and used in one transaction (docs/security.rst).
    "reset_password_confirm": 4,
    "activation": 4,
    "token logout": 2,
    # The row, and what cascades with it: djoser's email changes among them.
    "account deletion": 9,
    "users/ as staff (1000 users)": 2,
}


def run_bench_script(script, **env_vars):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    root = str(BENCH.parent)
    env.update(
        PYTHONPATH=os.pathsep.join([str(BENCH), root]),
        PYTHONWARNINGS="ignore",
        **env_vars,
    )
    completed = subprocess.run(
        [sys.executable, str(BENCH / script)],
        cwd=BENCH,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def test_count_queries_measures_every_operation_of_this_package():
    report = run_bench_script("count_queries.py")

    assert Path(report["djoser"]["path"]) == BENCH.parent / "djoser"
    counts = {name: row["queries"] for name, row in report["operations"].items()}
    assert counts == EXPECTED


# This package's column of the peer table (docs/performance.rst).
EXPECTED_PEER_ROWS = {
    "ours": {
        "register": {"ours": 4},
        "log in: DRF token": {"ours": 3},
        "log in: JWT pair": {"ours": 1},
        "GET me: DRF token": {"ours": 1, "floor": 1},
        "GET me: JWT": {"ours": 1, "floor": 1},
        "GET me: device token": {"floor": 1},
        "GET floor: device token": {"floor": 1},
        "log out: DRF token": {"ours": 2},
        "password change": {"ours": 2},
        "password reset request": {"ours": 1},
    },
    "ours devicetokens": {
        "log in: device token": {"ours": 3},
        "GET me: device token": {"ours": 1},
        "GET floor: device token": {"ours": 1},
        "log out one device": {"ours": 3},
        "log out all devices": {"ours": 5},
    },
}


@pytest.mark.parametrize("configuration", EXPECTED_PEER_ROWS)
def test_peer_queries_measures_the_rows_our_configurations_serve(configuration):
    _, settings_module = operations.CONFIGURATIONS[configuration]

    report = run_bench_script(
        "peer_queries.py",
        DJANGO_SETTINGS_MODULE=settings_module,
        BENCH_CONFIGURATION=configuration,
    )

    counts = {
        name: {column: row["queries"] for column, row in columns.items()}
        for name, columns in report.items()
    }
    assert counts == EXPECTED_PEER_ROWS[configuration]


def test_every_operation_is_ours_and_served_by_a_known_configuration():
    for row in operations.OPERATIONS.values():
        assert operations.OURS in row
        for column, (configuration, request) in row.items():
            assert column in operations.COLUMNS
            assert configuration in operations.CONFIGURATIONS
            assert request["fresh"] in (None, *operations.FRESH_KINDS)


def test_a_logout_row_uses_a_fresh_credential_on_every_side():
    for name, row in operations.OPERATIONS.items():
        if "log out" in name:
            assert all(request["fresh"] for _, request in row.values()), name
