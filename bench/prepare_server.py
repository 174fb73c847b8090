"""Create the server's database and the credentials the load will use.

Run with the interpreter of the configuration under test, ``BENCH_DB`` and
``DJANGO_SETTINGS_MODULE`` set; prints JSON with the bench accounts'
credentials (bench_project/credentials.py). ``BENCH_FRESH``, as
``kind:count:devices,...``, also makes ``count`` fresh accounts per kind for
requests that use their credential up (logouts), one per line in
``<kind>.txt`` next to the database; the JSON names those files.
"""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_project.settings")

import django  # noqa: E402

django.setup()

from bench_project import credentials  # noqa: E402
from django.core.management import call_command  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    values = credentials.bench_users()
    files = {}
    directory = Path(os.environ["BENCH_DB"]).parent
    for item in filter(None, os.environ.get("BENCH_FRESH", "").split(",")):
        kind, count, devices = item.split(":")
        keys = credentials.fresh(kind, int(count), int(devices))
        files[kind] = str(directory / f"{kind}.txt")
        Path(files[kind]).write_text("\n".join(keys) + "\n")
    json.dump({**values, "fresh_files": files}, sys.stdout)


if __name__ == "__main__":
    main()
