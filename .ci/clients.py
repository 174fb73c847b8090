"""Generate clients from the test project's OpenAPI schema and run the flow.

Usage: ``python .ci/clients.py`` with the project's interpreter (``.venv``),
from anywhere; ``.ci/run`` calls it, and it runs the same on a laptop
(node and npm on PATH).

The test project is served by Django's development server on a free
loopback port with a fresh SQLite database (DEBUG on, so activation links
land in its outbox at /dev/outbox/). Its schema is fetched once, then:

- TypeScript: openapi-typescript generates the types, ``tsc --noEmit``
  checks them and ``flow.ts`` in strict mode, and the flow runs with
  openapi-fetch (``clients/typescript``, versions pinned in package-lock.json).
- Python: openapi-python-client generates a package (``--fail-on-warning``),
  ruff finds no undefined name in it, it imports, and ``flow.py`` runs with
  it (``clients/python``, versions pinned in requirements.txt).

The flow: config, register, activate, jwt/create, users/me, TOTP on, the
two-step login through the typed 401 challenge, password change, a token
login finished with a recovery code, logout. Any generator warning, type
error or failed step fails the run.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The fuzz lane's: a free loopback port, and polling until a URL answers.
from fuzz import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "testproject"
TYPESCRIPT = ROOT / "clients" / "typescript"
PYTHON = ROOT / "clients" / "python"
PYTHON_VENV = ROOT / ".ci" / "venv-clients"
# openapi-typescript says "warn" or "⚠" for what it could not type; Node
# says "Warning" for deprecations.
TYPESCRIPT_WARNINGS = ("warn", "⚠")


def run(command, **kwargs):
    """Run ``command``, print what it printed, fail the lane if it fails."""
    print("$", " ".join(str(part) for part in command), flush=True)
    result = subprocess.run(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        **kwargs,
    )
    print(result.stdout, end="", flush=True)
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {command[0]}")
    return result.stdout


def refuse_warnings(output, markers, tool):
    lines = [line for line in output.splitlines() if any(m in line for m in markers)]
    if lines:
        raise SystemExit(f"{tool} warned:\n" + "\n".join(lines))


def typescript(schema, base):
    """openapi-typescript, tsc --noEmit (strict), then the flow on node."""
    run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TYPESCRIPT)
    shutil.copy(schema, TYPESCRIPT / "schema.json")
    output = run(["npm", "run", "--silent", "generate"], cwd=TYPESCRIPT)
    refuse_warnings(output.lower(), TYPESCRIPT_WARNINGS, "openapi-typescript")
    run(["npm", "run", "--silent", "check"], cwd=TYPESCRIPT)
    shutil.rmtree(TYPESCRIPT / "build", ignore_errors=True)
    run(["npm", "run", "--silent", "build"], cwd=TYPESCRIPT)
    run(["node", "build/flow.js", base], cwd=TYPESCRIPT)


def python(schema, base):
    """openapi-python-client (no warning), ruff over its output, the flow."""
    if not (PYTHON_VENV / "bin" / "python").exists():
        run([sys.executable, "-m", "venv", str(PYTHON_VENV)])
    bin_dir = PYTHON_VENV / "bin"
    run(
        [
            bin_dir / "python",
            "-m",
            "pip",
            "install",
            # Twice: pip's notes about the machine's index set-up stay out.
            "--quiet",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            PYTHON / "requirements.txt",
        ]
    )
    generated = PYTHON / "generated"
    shutil.rmtree(generated, ignore_errors=True)
    generated.mkdir()
    shutil.copy(schema, PYTHON / "schema.json")
    # Its post hooks (ruff) must be found on PATH.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    output = run(
        [
            bin_dir / "openapi-python-client",
            "generate",
            "--path",
            PYTHON / "schema.json",
            "--config",
            PYTHON / "generator.yml",
            "--meta",
            "none",
            "--output-path",
            generated / "djoser_client",
            "--fail-on-warning",
        ],
        env=env,
    )
    refuse_warnings(output, ("Warning", "warning", "Error"), "openapi-python-client")
    # Undefined names and unused imports are what broke generated packages.
    run([bin_dir / "ruff", "check", "--no-cache", "--select", "F", generated])
    flow_env = {**env, "PYTHONPATH": str(generated)}
    run([bin_dir / "python", "-W", "error", "-c", "import djoser_client"], env=flow_env)
    run([bin_dir / "python", PYTHON / "flow.py", base], env=flow_env)


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as workdir:
        workdir = Path(workdir)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "testproject.settings",
            "DJOSER_DEMO_DB": str(workdir / "db.sqlite3"),
        }
        run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=PROJECT,
            env=env,
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server_log = (workdir / "server.log").open("w")
        server = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            cwd=PROJECT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        try:
            schema = workdir / "schema.json"
            schema.write_bytes(wait_for(f"{base}/api/schema.json", timeout=60))
            print(f"schema: {schema.stat().st_size} bytes from {base}", flush=True)
            typescript(schema, base)
            python(schema, base)
        except BaseException:
            server_log.flush()
            print("---- server log ----")
            print((workdir / "server.log").read_text()[-20000:])
            raise
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"clients: both flows passed in {time.monotonic() - started:.0f}s")


if __name__ == "__main__":
    main()
