"""This package against djoser 2.3.5 from the package index, side by side.

    python3 bench/compare.py             # full run, a few minutes
    python3 bench/compare.py --quick     # one short load round, for a smoke
    python3 bench/compare.py --no-load   # query counts only

Builds two virtualenvs under ``bench/.venvs/`` (this checkout, editable; and
djoser==2.3.5) with the same Django, DRF, simplejwt and gunicorn versions,
then measures the same project (``bench/bench_project``) with each:

1. SQL queries per operation (count_queries.py, CaptureQueriesContext);
2. requests per second and p50/p99 latency under gunicorn on 127.0.0.1,
   with the load from a separate process (load.py), the two sides
   interleaved round by round, and the median of the per-round ratios;
3. a floor: ``users/me/`` against a hand-written DRF view with the same
   authentication and fields (bench_project/floor.py).

Prints one table and writes it as JSON (``--json``, default
``bench/compare-results.json``).
"""

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DJOSER_RELEASE = "2.3.5"
# Resolved once in our environment, then pinned exactly in djoser's.
SHARED_PACKAGES = [
    "Django",
    "djangorestframework",
    "djangorestframework-simplejwt",
    "PyJWT",
    "gunicorn",
]
DEFAULT_DJANGO = "Django>=5.2,<5.3"

# Endpoint -> how load.py calls it; ``{username}`` and friends come from the
# credentials prepare_server.py prints.
LOAD_ENDPOINTS = {
    "users/me/ GET": {
        "method": "GET",
        "path": "/auth/users/me/",
        "header": "Authorization: Token {token}",
        "expect": 200,
    },
    "jwt verify": {
        "method": "POST",
        "path": "/auth/jwt/verify/",
        "body": '{{"token": "{access}"}}',
        "expect": 200,
    },
    "token login": {
        "method": "POST",
        "path": "/auth/token/login/",
        "body": '{{"username": "{username}", "password": "{password}"}}',
        "expect": 200,
    },
    "register": {
        "method": "POST",
        "path": "/auth/users/",
        "body": '{{"username": "r{{n}}", "email": "r{{n}}@example.com", '
        '"password": "{password}"}}',
        "expect": 201,
    },
}
FLOOR = {
    "method": "GET",
    "path": "/floor/me/",
    "header": "Authorization: Token {token}",
    "expect": 200,
}


class Side:
    """One environment under test: its virtualenv, and later its server."""

    def __init__(self, name, label, venv_dir):
        self.name = name
        self.label = label
        self.venv_dir = venv_dir
        self.python = venv_dir / "bin" / "python"
        self.server = None
        self.port = None
        self.credentials = None
        self.workdir = None

    def env(self, **extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")
        }
        # Only the bench project on the path: djoser must come from the venv.
        env.update(PYTHONPATH=str(BENCH), PYTHONWARNINGS="ignore", **extra)
        return env

    def run_json(self, script, **env):
        output = subprocess.run(
            [str(self.python), str(BENCH / script)],
            cwd=BENCH,
            env=self.env(**env),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(output)


def pip(python, *args):
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        + list(args),
        check=True,
    )


def installed_versions(python):
    code = (
        "import json, importlib.metadata as m, sys; "
        "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    )
    output = subprocess.run(
        [str(python), "-c", code, *SHARED_PACKAGES],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def build_venvs(venv_root, django_requirement, rebuild):
    ours = Side("ours", "ours", venv_root / "ours")
    theirs = Side("djoser", f"djoser {DJOSER_RELEASE}", venv_root / "djoser")
    stamp = venv_root / "versions.json"
    if rebuild or not stamp.exists():
        shutil.rmtree(venv_root, ignore_errors=True)
        for side in (ours, theirs):
            venv.create(side.venv_dir, with_pip=True)
        pip(ours.python, "-e", f"{REPO}[jwt]", django_requirement, "gunicorn")
        versions = installed_versions(ours.python)
        pins = [f"{name}=={version}" for name, version in versions.items()]
        pip(theirs.python, f"djoser=={DJOSER_RELEASE}", *pins)
        stamp.write_text(json.dumps(versions, indent=1))
    versions = json.loads(stamp.read_text())
    for side in (ours, theirs):
        found = installed_versions(side.python)
        if found != versions:
            raise SystemExit(f"{side.label}: {found} differs from {versions}")
    return ours, theirs, versions


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(side):
    # tmpfs when there is one: the disk's fsync is not what is compared.
    shm = Path("/dev/shm")
    side.workdir = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else None))
    database = side.workdir / "bench.sqlite3"
    side.credentials = side.run_json("prepare_server.py", BENCH_DB=str(database))
    side.port = free_port()
    side.server = subprocess.Popen(
        [
            str(side.venv_dir / "bin" / "gunicorn"),
            "bench_project.wsgi:application",
            "--bind",
            f"127.0.0.1:{side.port}",
            "--workers",
            "1",
            "--worker-class",
            "gthread",
            "--threads",
            "1",
            "--keep-alive",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=BENCH,
        env=side.env(BENCH_DB=str(database)),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", side.port), timeout=1),
        ):
            return
        time.sleep(0.2)
    raise SystemExit(f"{side.label}: gunicorn did not start")


def worker_cpu_seconds(side):
    """User and system CPU time of the gunicorn worker so far, from /proc."""
    master = side.server.pid
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    if len(children) != 1:
        raise SystemExit(f"{side.label}: expected one gunicorn worker: {children}")
    fields = Path(f"/proc/{children[0]}/stat").read_text().rsplit(")", 1)[1].split()
    # utime and stime are the 14th and 15th fields; fields[0] is the 3rd.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop_server(side):
    if side.server is not None:
        side.server.terminate()
        side.server.wait(timeout=30)
        side.server = None
    if side.workdir is not None:
        shutil.rmtree(side.workdir, ignore_errors=True)


def load(side, endpoint, options, tag):
    values = {key: value for key, value in side.credentials.items()}
    command = [
        sys.executable,
        str(BENCH / "load.py"),
        "--port",
        str(side.port),
        "--method",
        endpoint["method"],
        "--path",
        endpoint["path"],
        "--expect",
        str(endpoint["expect"]),
        "--seconds",
        str(options.seconds),
        "--connections",
        str(options.connections),
        "--tag",
        tag,
    ]
    if "header" in endpoint:
        command += ["--header", endpoint["header"].format(**values)]
    if "body" in endpoint:
        command += ["--body", endpoint["body"].format(**values)]
    cpu_before = worker_cpu_seconds(side)
    result = json.loads(
        subprocess.run(command, check=True, capture_output=True, text=True).stdout
    )
    cpu = worker_cpu_seconds(side) - cpu_before
    result["cpu_ms"] = cpu * 1000 / result["requests_with_warmup"]
    if result["errors"] or not result["requests"]:
        raise SystemExit(f"{side.label} {endpoint['path']}: {result}")
    return result


def interleaved(runs, options):
    """Run each (key, side, endpoint) once per round, rotating the order.

    Returns {key: [result per round]}.
    """
    results = {key: [] for key, _, _ in runs}
    for round_number in range(options.rounds):
        shift = round_number % len(runs)
        for key, side, endpoint in runs[shift:] + runs[:shift]:
            tag = f"{key.replace(' ', '')}{round_number}x"
            results[key].append(load(side, endpoint, options, tag))
    return results


def summarise(ours_runs, other_runs):
    ratios = [a["rps"] / b["rps"] for a, b in zip(ours_runs, other_runs, strict=True)]

    def median(runs, key):
        return statistics.median(run[key] for run in runs)

    return {
        "ours_rps": median(ours_runs, "rps"),
        "other_rps": median(other_runs, "rps"),
        "ratio": statistics.median(ratios),
        "ratios": ratios,
        "ours_p50_ms": median(ours_runs, "p50_ms"),
        "other_p50_ms": median(other_runs, "p50_ms"),
        "ours_p99_ms": median(ours_runs, "p99_ms"),
        "other_p99_ms": median(other_runs, "p99_ms"),
        "ours_cpu_ms": median(ours_runs, "cpu_ms"),
        "other_cpu_ms": median(other_runs, "cpu_ms"),
    }


def measure_load(ours, theirs, options):
    throughput = {}
    for side in (ours, theirs):
        start_server(side)
    try:
        # First requests import and build what later ones reuse: not measured.
        for side in (ours, theirs):
            for name, endpoint in [*LOAD_ENDPOINTS.items(), ("floor", FLOOR)]:
                load(side, endpoint, options, f"prime{name.replace(' ', '')}x")
        for name, endpoint in LOAD_ENDPOINTS.items():
            runs = [("ours", ours, endpoint), ("djoser", theirs, endpoint)]
            if name == "users/me/ GET":
                runs.append(("floor", ours, FLOOR))
            results = interleaved(runs, options)
            throughput[name] = summarise(results["ours"], results["djoser"])
            if "floor" in results:
                throughput[name]["floor"] = summarise(results["ours"], results["floor"])
            print(f"  measured {name}", file=sys.stderr)
    finally:
        for side in (ours, theirs):
            stop_server(side)
    return throughput


def format_table(queries_ours, queries_theirs, throughput, options):
    width = max(len(name) for name in queries_ours) + 8
    header = f"{'':<{width}}{'ours':>12}{'djoser 2.3.5':>14}{'ratio':>8}"
    lines = [
        header,
        "-" * len(header),
        "SQL queries per request (ratio = ours / djoser)",
    ]
    for name, ours_count in queries_ours.items():
        theirs_count = queries_theirs[name]
        ratio = f"{ours_count / theirs_count:.2f}" if theirs_count else "-"
        counts = f"{ours_count:>12}{theirs_count:>14}{ratio:>8}"
        lines.append(f"  {name:<{width - 2}}{counts}")
    if throughput:
        lines.append(
            f"requests/s under gunicorn, median of {options.rounds} interleaved "
            f"{options.seconds:g}s runs (ratio = median of per-round ours / djoser)"
        )
        for name, row in throughput.items():
            lines.append(
                f"  {name:<{width - 2}}{row['ours_rps']:>12.0f}"
                f"{row['other_rps']:>14.0f}{row['ratio']:>8.2f}"
            )
        lines.append("latency p50 / p99, ms (median over runs)")
        for name, row in throughput.items():
            ours = f"{row['ours_p50_ms']:.2f} / {row['ours_p99_ms']:.2f}"
            theirs = f"{row['other_p50_ms']:.2f} / {row['other_p99_ms']:.2f}"
            lines.append(f"  {name:<{width - 2}}{ours:>12}{theirs:>14}")
        lines.append("server CPU ms per request (median; ratio = djoser / ours)")
        for name, row in throughput.items():
            ratio = row["other_cpu_ms"] / row["ours_cpu_ms"]
            lines.append(
                f"  {name:<{width - 2}}{row['ours_cpu_ms']:>12.2f}"
                f"{row['other_cpu_ms']:>14.2f}{ratio:>8.2f}"
            )
        floor = throughput.get("users/me/ GET", {}).get("floor")
        if floor:
            lines.append("floor: users/me/ against a hand-written DRF view")
            lines.append(f"  {'':<{width - 2}}{'ours':>12}{'floor':>14}{'ratio':>8}")
            lines.append(
                f"  {'requests/s':<{width - 2}}{floor['ours_rps']:>12.0f}"
                f"{floor['other_rps']:>14.0f}{floor['ratio']:>8.2f}"
            )
            cpu_ratio = floor["other_cpu_ms"] / floor["ours_cpu_ms"]
            lines.append(
                f"  {'server CPU ms/request':<{width - 2}}{floor['ours_cpu_ms']:>12.2f}"
                f"{floor['other_cpu_ms']:>14.2f}{cpu_ratio:>8.2f}"
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 round of 1 s")
    parser.add_argument("--no-load", action="store_true", help="query counts only")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--django", default=DEFAULT_DJANGO, help="pip requirement")
    parser.add_argument("--rebuild", action="store_true", help="fresh virtualenvs")
    parser.add_argument("--venvs", type=Path, default=BENCH / ".venvs")
    parser.add_argument("--json", type=Path, default=BENCH / "compare-results.json")
    options = parser.parse_args()
    if options.quick:
        options.rounds, options.seconds = 1, 1.0

    ours, theirs, versions = build_venvs(options.venvs, options.django, options.rebuild)
    counts = {side.name: side.run_json("count_queries.py") for side in (ours, theirs)}
    if Path(counts["ours"]["djoser"]["path"]) != REPO / "djoser":
        raise SystemExit(f"ours imported {counts['ours']['djoser']}")
    if counts["djoser"]["djoser"]["version"] != DJOSER_RELEASE:
        raise SystemExit(f"djoser side imported {counts['djoser']['djoser']}")
    queries = {
        side: {name: row["queries"] for name, row in data["operations"].items()}
        for side, data in counts.items()
    }
    throughput = {} if options.no_load else measure_load(ours, theirs, options)

    print(f"versions: {json.dumps(versions)}")
    print(format_table(queries["ours"], queries["djoser"], throughput, options))
    options.json.write_text(
        json.dumps(
            {
                "versions": versions,
                "djoser": DJOSER_RELEASE,
                "load": {
                    "rounds": options.rounds,
                    "seconds": options.seconds,
                    "connections": options.connections,
                },
                "queries": queries,
                "sql": {
                    side: {name: row["sql"] for name, row in data["operations"].items()}
                    for side, data in counts.items()
                },
                "throughput": throughput,
            },
            indent=1,
        )
    )
    print(f"written to {options.json}")


if __name__ == "__main__":
    main()
