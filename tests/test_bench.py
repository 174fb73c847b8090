"""The benchmark's query counting runs, and reports what the docs state.

bench/compare.py also builds djoser 2.3.5's environment; this runs only our
side, in this interpreter, on the bench project.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"

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
    # BEGIN, the SQLite write lock, the user, its change, COMMIT: a link is
    # checked and used in one transaction (docs/security.rst).
    "reset_password_confirm": 5,
    "activation": 5,
    "token logout": 2,
    "account deletion": 7,
    "users/ as staff (1000 users)": 2,
}


def test_count_queries_measures_every_operation_of_this_package():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    root = str(BENCH.parent)
    env.update(PYTHONPATH=os.pathsep.join([str(BENCH), root]), PYTHONWARNINGS="ignore")
    completed = subprocess.run(
        [sys.executable, str(BENCH / "count_queries.py")],
        cwd=BENCH,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)

    assert Path(report["djoser"]["path"]) == BENCH.parent / "djoser"
    counts = {name: row["queries"] for name, row in report["operations"].items()}
    assert counts == EXPECTED
