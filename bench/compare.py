"""This package against djoser 2.3.5, dj-rest-auth and django-rest-knox, side by side.

    python3 bench/compare.py             # full run, about half an hour
    python3 bench/compare.py --quick     # one short load round, for a smoke
    python3 bench/compare.py --no-load   # query counts only
    python3 bench/compare.py --only register --only "GET me: JWT"

Builds one virtualenv per package under ``bench/.venvs/`` (this checkout,
editable; djoser==2.3.5; dj-rest-auth with django-allauth; django-rest-knox),
all with the Django, DRF, simplejwt, PyJWT and gunicorn versions the first
one resolved, then serves the same project (``bench/bench_project``) with
each, in the configurations bench_project/operations.py names, and measures
the operations they share:

1. SQL queries per operation (count_queries.py against djoser 2.3.5 in
   detail; peer_queries.py for every package), CaptureQueriesContext, and
   Python function calls per request (profile_requests.py), which a busy
   machine does not move;
2. requests per second, p50/p99 latency and the server's CPU time per
   request under gunicorn on 127.0.0.1, with the load from a separate
   process (load.py), the packages interleaved round by round, and the
   median of the per-round ratios;
3. a floor: a hand-written DRF view with the same authentication and fields
   (bench_project/floor.py).

Prints the tables, the operations each peer lacks and whether each target
is met, and writes them as JSON (``--json``, default
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
sys.path.insert(0, str(BENCH))

from bench_project.operations import (  # noqa: E402
    COLUMNS,
    CONFIGURATIONS,
    DJOSER,
    FLOOR,
    FRESH_KINDS,
    OPERATIONS,
    OURS,
)

DJOSER_RELEASE = "2.3.5"
# The peers' latest releases when this was written; --rebuild installs these.
PEERS = {
    "djoser": [f"djoser=={DJOSER_RELEASE}"],
    "dj-rest-auth": ["dj-rest-auth[with-social]==7.2.0", "django-allauth==65.22.1"],
    "knox": ["django-rest-knox==5.1.0"],
}
# Resolved once in our environment, then pinned exactly in the others.
SHARED_PACKAGES = [
    "Django",
    "djangorestframework",
    "djangorestframework-simplejwt",
    "PyJWT",
    "gunicorn",
]
PEER_PACKAGES = ["djoser", "dj-rest-auth", "django-allauth", "django-rest-knox"]
DEFAULT_DJANGO = "Django>=5.2,<5.3"
# The targets: ours / peer requests per second, and ours / floor for the
# device-token GET.
TARGET_RATIO = 1.0
FLOOR_TARGET = 0.9
WARMUP_SECONDS = 0.5


class Server:
    """One configuration: its virtualenv and settings, and later its gunicorn."""

    def __init__(self, name, venv_root):
        venv_name, self.settings = CONFIGURATIONS[name]
        self.name = name
        self.venv_dir = venv_root / venv_name
        self.python = self.venv_dir / "bin" / "python"
        self.process = None
        self.port = None
        self.credentials = None
        self.workdir = None
        self.taken = {}

    def env(self, **extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")
        }
        # Only the bench project on the path: the packages come from the venv.
        env.update(
            PYTHONPATH=str(BENCH),
            PYTHONWARNINGS="ignore",
            DJANGO_SETTINGS_MODULE=self.settings,
            **extra,
        )
        return env

    def run_json(self, script, **env):
        completed = subprocess.run(
            [str(self.python), str(BENCH / script)],
            cwd=BENCH,
            env=self.env(**env),
            capture_output=True,
            text=True,
        )
        if completed.returncode:
            raise SystemExit(f"{self.name}: {script} failed:\n{completed.stderr}")
        return json.loads(completed.stdout)

    def take(self, kind, count):
        """The first line of ``count`` one-use credentials of ``kind`` not yet used."""
        start = self.taken.get(kind, 0)
        self.taken[kind] = start + count
        return start


def pip(python, *args):
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        + list(args),
        check=True,
    )


def installed_versions(python, names):
    code = (
        "import json, importlib.metadata as m, sys\n"
        "found = {}\n"
        "for name in sys.argv[1:]:\n"
        "    try: found[name] = m.version(name)\n"
        "    except m.PackageNotFoundError: pass\n"
        "print(json.dumps(found))"
    )
    output = subprocess.run(
        # Isolated: the checkout's djoser.egg-info in the current directory
        # must not count as installed.
        [str(python), "-I", "-c", code, *names],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def build_venvs(venv_root, django_requirement, rebuild):
    """Ours first, then each peer pinned to what ours resolved; returns versions."""
    if rebuild:
        shutil.rmtree(venv_root, ignore_errors=True)
    shared_stamp = venv_root / "versions.json"
    ours = venv_root / "ours"
    if not shared_stamp.exists():
        shutil.rmtree(venv_root, ignore_errors=True)
        venv.create(ours, with_pip=True)
        pip(
            ours / "bin" / "python",
            "-e",
            f"{REPO}[jwt]",
            django_requirement,
            "gunicorn",
        )
        versions = installed_versions(ours / "bin" / "python", SHARED_PACKAGES)
        shared_stamp.write_text(json.dumps(versions, indent=1))
    shared = json.loads(shared_stamp.read_text())
    pins = [f"{name}=={version}" for name, version in shared.items()]
    for name, requirements in PEERS.items():
        directory = venv_root / name
        stamp = directory / "bench-requirements.json"
        if not stamp.exists() or json.loads(stamp.read_text()) != requirements:
            shutil.rmtree(directory, ignore_errors=True)
            venv.create(directory, with_pip=True)
            pip(directory / "bin" / "python", *requirements, *pins)
            stamp.write_text(json.dumps(requirements))
    versions = dict(shared)
    for name in ["ours", *PEERS]:
        python = venv_root / name / "bin" / "python"
        found = installed_versions(python, SHARED_PACKAGES)
        if found != shared:
            raise SystemExit(f"{name}: {found} differs from {shared}")
        versions.update(installed_versions(python, PEER_PACKAGES))
    return versions


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(server, fresh):
    """Prepare the database (with ``fresh``: kind -> count) and start gunicorn."""
    # tmpfs when there is one: the disk's fsync is not what is compared.
    shm = Path("/dev/shm")
    server.workdir = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else None))
    database = server.workdir / "bench.sqlite3"
    wanted = ",".join(
        f"{kind}:{count}:{FRESH_KINDS[kind]}" for kind, count in fresh.items()
    )
    server.credentials = server.run_json(
        "prepare_server.py", BENCH_DB=str(database), BENCH_FRESH=wanted
    )
    server.port = free_port()
    server.process = subprocess.Popen(
        [
            str(server.venv_dir / "bin" / "gunicorn"),
            "bench_project.wsgi:application",
            "--bind",
            f"127.0.0.1:{server.port}",
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
        env=server.env(BENCH_DB=str(database)),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", server.port), timeout=1),
        ):
            return
        time.sleep(0.2)
    raise SystemExit(f"{server.name}: gunicorn did not start")


def worker_cpu_seconds(server):
    """User and system CPU time of the gunicorn worker so far, from /proc."""
    master = server.process.pid
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    if len(children) != 1:
        raise SystemExit(f"{server.name}: expected one gunicorn worker: {children}")
    fields = Path(f"/proc/{children[0]}/stat").read_text().rsplit(")", 1)[1].split()
    # utime and stime are the 14th and 15th fields; fields[0] is the 3rd.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop_server(server):
    if server.process is not None:
        server.process.terminate()
        server.process.wait(timeout=30)
        server.process = None
    if server.workdir is not None:
        shutil.rmtree(server.workdir, ignore_errors=True)
        server.workdir = None


def fresh_per_run(options):
    """One-use credentials handed to each load run: more than it can use."""
    return int(options.fresh_rate * (options.seconds + WARMUP_SECONDS)) + 1


def load(server, request, options, tag, seconds, priming=False):
    values = {**server.credentials}
    command = [
        sys.executable,
        str(BENCH / "load.py"),
        "--port",
        str(server.port),
        "--method",
        request["method"],
        "--path",
        request["path"],
        "--expect",
        str(request["expect"]),
        "--seconds",
        str(seconds),
        "--warmup",
        str(WARMUP_SECONDS),
        "--connections",
        str(options.connections),
        "--tag",
        tag,
    ]
    if request["header"]:
        command += ["--header", request["header"].format(**values)]
    if request["body"]:
        command += ["--body", request["body"].format(**values)]
    if request["fresh"]:
        count = fresh_per_run(options)
        command += [
            "--values",
            values["fresh_files"][request["fresh"]],
            "--values-from",
            str(server.take(request["fresh"], count)),
            "--values-count",
            str(count),
        ]
    cpu_before = worker_cpu_seconds(server)
    result = json.loads(
        subprocess.run(command, check=True, capture_output=True, text=True).stdout
    )
    cpu = worker_cpu_seconds(server) - cpu_before
    result["cpu_ms"] = cpu * 1000 / max(result["requests_with_warmup"], 1)
    # A priming run may end inside its warm-up: only its errors count.
    if result["errors"] or result["ran_out"] or not (result["requests"] or priming):
        raise SystemExit(f"{server.name} {request['path']}: {result}")
    return result


def interleaved(runs, options):
    """Run each (column, server, request) once per round, rotating the order.

    Returns {column: [result per round]}.
    """
    results = {column: [] for column, _, _ in runs}
    for round_number in range(options.rounds):
        shift = round_number % len(runs)
        for column, server, request in runs[shift:] + runs[:shift]:
            tag = f"{column[:4]}{round_number}x".replace(" ", "")
            results[column].append(load(server, request, options, tag, options.seconds))
    return results


def summarise(results):
    """Medians per column, and each other column's median per-round ratio."""

    def median(runs, key):
        return statistics.median(run[key] for run in runs)

    summary = {}
    ours = results[OURS]
    for column, runs in results.items():
        summary[column] = {
            "rps": median(runs, "rps"),
            "p50_ms": median(runs, "p50_ms"),
            "p99_ms": median(runs, "p99_ms"),
            "cpu_ms": median(runs, "cpu_ms"),
        }
        if column != OURS:
            pairs = list(zip(ours, runs, strict=True))
            ratios = [mine["rps"] / theirs["rps"] for mine, theirs in pairs]
            cpu_ratios = [theirs["cpu_ms"] / mine["cpu_ms"] for mine, theirs in pairs]
            summary[column]["ratio"] = statistics.median(ratios)
            summary[column]["ratios"] = ratios
            summary[column]["cpu_ratio"] = statistics.median(cpu_ratios)
    return summary


def measure_load(venv_root, rows, options):
    servers = {}
    fresh = {}
    per_server = fresh_per_run(options) * (options.rounds + 1)
    for row in rows.values():
        for name, request in row.values():
            servers.setdefault(name, Server(name, venv_root))
            if request["fresh"]:
                fresh.setdefault(name, {})[request["fresh"]] = per_server
    throughput = {}
    try:
        for name, server in servers.items():
            start_server(server, fresh.get(name, {}))
            print(f"  started {name}", file=sys.stderr)
        # First requests import and build what later ones reuse: not measured.
        for row in rows.values():
            for column, (name, request) in row.items():
                tag = f"prime{column[:4]}x".replace(" ", "")
                load(servers[name], request, options, tag, 0.2, priming=True)
        for operation, row in rows.items():
            runs = [
                (column, servers[name], request)
                for column, (name, request) in row.items()
            ]
            throughput[operation] = summarise(interleaved(runs, options))
            print(f"  measured {operation}", file=sys.stderr)
    finally:
        for server in servers.values():
            stop_server(server)
    return throughput


def count_queries(venv_root):
    """{operation: {column: {"queries": n, "sql": [...]}}} for every configuration."""
    queries = {operation: {} for operation in OPERATIONS}
    for name in CONFIGURATIONS:
        found = Server(name, venv_root).run_json(
            "peer_queries.py", BENCH_CONFIGURATION=name
        )
        for operation, columns in found.items():
            queries[operation].update(columns)
    return queries


def count_calls(venv_root):
    """{operation: {column: Python calls per request}} (profile_requests.py)."""
    calls = {operation: {} for operation in OPERATIONS}
    for name in CONFIGURATIONS:
        server = Server(name, venv_root)
        found = subprocess.run(
            [str(server.python), str(BENCH / "profile_requests.py")]
            + ["--requests", "100", "--configuration", name],
            cwd=BENCH,
            env=server.env(),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for key, count in json.loads(found).items():
            operation, column = key[:-1].rsplit(" [", 1)
            calls[operation][column] = count
    return calls


def detailed_counts(venv_root):
    """count_queries.py's rows, ours and djoser 2.3.5."""
    counts = {
        column: Server(name, venv_root).run_json("count_queries.py")
        for column, name in ((OURS, "ours"), (DJOSER, "djoser 2.3.5"))
    }
    if Path(counts[OURS]["djoser"]["path"]) != REPO / "djoser":
        raise SystemExit(f"ours imported {counts[OURS]['djoser']}")
    if counts[DJOSER]["djoser"]["version"] != DJOSER_RELEASE:
        raise SystemExit(f"djoser side imported {counts[DJOSER]['djoser']}")
    return {
        column: {name: row["queries"] for name, row in data["operations"].items()}
        for column, data in counts.items()
    }


def format_detailed(detailed):
    ours, theirs = detailed[OURS], detailed[DJOSER]
    width = max(len(name) for name in ours) + 4
    header = f"{'':<{width}}{'ours':>12}{'djoser 2.3.5':>14}{'ratio':>8}"
    lines = [
        "SQL queries per request, ours and djoser 2.3.5 (count_queries.py)",
        header,
    ]
    for name, count in ours.items():
        ratio = f"{count / theirs[name]:.2f}" if theirs[name] else "-"
        lines.append(f"  {name:<{width - 2}}{count:>12}{theirs[name]:>14}{ratio:>8}")
    return "\n".join(lines)


def _cells(values, width):
    return "".join(f"{value:>{width}}" for value in values)


def format_tables(queries, calls, throughput, options):
    width = max(len(name) for name in OPERATIONS) + 4
    cell = 15
    others = [column for column in COLUMNS if column != OURS]
    header = f"{'':<{width}}{_cells(COLUMNS, cell)}"
    lines = ["SQL queries per request (peer_queries.py)", header]
    for operation, row in queries.items():
        counts = [
            row[column]["queries"] if column in row else "-" for column in COLUMNS
        ]
        lines.append(f"  {operation:<{width - 2}}{_cells(counts, cell)}")
    lines.extend(["Python calls per request (profile_requests.py)", header])
    for operation, row in calls.items():
        counts = [f"{row[column]:.0f}" if column in row else "-" for column in COLUMNS]
        lines.append(f"  {operation:<{width - 2}}{_cells(counts, cell)}")
    if not throughput:
        return "\n".join(lines)

    def table(title, columns, text):
        lines.extend([title, f"{'':<{width}}{_cells(columns, cell)}"])
        for operation, row in throughput.items():
            cells = [text(row[column]) if column in row else "-" for column in columns]
            lines.append(f"  {operation:<{width - 2}}{_cells(cells, cell)}")

    table(
        f"requests/s under gunicorn, median of {options.rounds} interleaved "
        f"{options.seconds:g}s runs",
        COLUMNS,
        lambda cells: f"{cells['rps']:.0f}",
    )
    table(
        "ratio: ours / column requests/s, median of the per-round ratios",
        others,
        lambda cells: f"{cells['ratio']:.2f}",
    )
    table(
        "latency p50 / p99, ms (median over runs)",
        COLUMNS,
        lambda cells: f"{cells['p50_ms']:.1f} / {cells['p99_ms']:.1f}",
    )
    table(
        "server CPU ms per request (median over runs)",
        COLUMNS,
        lambda cells: f"{cells['cpu_ms']:.2f}",
    )
    table(
        "ratio: column / ours CPU per request, median of the per-round ratios",
        others,
        lambda cells: f"{cells['cpu_ratio']:.2f}",
    )
    return "\n".join(lines)


def lacking():
    """{peer: [operations it has no endpoint for]}."""
    return {
        column: [name for name, row in OPERATIONS.items() if column not in row]
        for column in COLUMNS
        if column not in (OURS, FLOOR)
    }


def targets(queries, throughput):
    """Each target and whether this run met it: [(text, met)]."""
    checks = []
    for operation, row in OPERATIONS.items():
        for column in row:
            if column in (OURS, FLOOR):
                continue
            ours, theirs = queries[operation][OURS], queries[operation][column]
            checks.append(
                (
                    f"{operation}: queries {ours['queries']} <= {column}'s "
                    f"{theirs['queries']}",
                    ours["queries"] <= theirs["queries"],
                )
            )
            if operation in throughput:
                ratio = throughput[operation][column]["ratio"]
                checks.append(
                    (
                        f"{operation}: ours / {column} = {ratio:.2f} "
                        f">= {TARGET_RATIO:.1f}",
                        ratio >= TARGET_RATIO,
                    )
                )
    for operation in ("GET floor: device token", "GET me: device token"):
        floor = throughput.get(operation, {}).get(FLOOR)
        if floor:
            checks.append(
                (
                    f"{operation}: ours / floor = {floor['ratio']:.2f} "
                    f">= {FLOOR_TARGET:.1f}",
                    floor["ratio"] >= FLOOR_TARGET,
                )
            )
    return checks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 round of 1 s")
    parser.add_argument("--no-load", action="store_true", help="query counts only")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument(
        "--only", action="append", metavar="OPERATION", help="measure these only"
    )
    parser.add_argument(
        "--fresh-rate",
        type=int,
        default=1000,
        help="one-use credentials made per second of a load run",
    )
    parser.add_argument("--django", default=DEFAULT_DJANGO, help="pip requirement")
    parser.add_argument("--rebuild", action="store_true", help="fresh virtualenvs")
    parser.add_argument("--venvs", type=Path, default=BENCH / ".venvs")
    parser.add_argument("--json", type=Path, default=BENCH / "compare-results.json")
    options = parser.parse_args()
    if options.quick:
        options.rounds, options.seconds = 1, 1.0
    unknown = set(options.only or []) - set(OPERATIONS)
    if unknown:
        raise SystemExit(f"unknown operations: {sorted(unknown)}")
    rows = {
        name: row
        for name, row in OPERATIONS.items()
        if not options.only or name in options.only
    }

    versions = build_venvs(options.venvs, options.django, options.rebuild)
    detailed = detailed_counts(options.venvs)
    queries = count_queries(options.venvs)
    calls = count_calls(options.venvs)
    throughput = {} if options.no_load else measure_load(options.venvs, rows, options)

    print(f"versions: {json.dumps(versions)}")
    print(format_detailed(detailed))
    print(format_tables(queries, calls, throughput, options))
    missing = lacking()
    print("operations a peer lacks")
    for column, names in missing.items():
        print(f"  {column}: {', '.join(names) if names else 'none'}")
    checks = targets(queries, throughput)
    print("targets")
    for text, met in checks:
        print(f"  {'met   ' if met else 'MISSED'} {text}")
    options.json.write_text(
        json.dumps(
            {
                "versions": versions,
                "load": {
                    "rounds": options.rounds,
                    "seconds": options.seconds,
                    "connections": options.connections,
                },
                "detailed_queries": detailed,
                "queries": queries,
                "calls": calls,
                "throughput": throughput,
                "lacking": missing,
                "targets": [{"target": text, "met": met} for text, met in checks],
            },
            indent=1,
        )
    )
    print(f"written to {options.json}")


if __name__ == "__main__":
    main()
