"""testproject on a real server: ``manage.py runserver`` on 127.0.0.1.

Each server gets a free port and a fresh SQLite file; DEBUG is on, so sent
emails land in the demo's outbox. The browser opens it as
``http://localhost:PORT``: passkeys need a host name (their RP ID is
``localhost``), and ``e2e.server_settings`` accepts that origin.
"""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from tests.live_server import free_port, wait_until_answering

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIR = REPO_ROOT / "testproject"


def server_environment(database_path, base_url, user_model=None):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJOSER_USER_MODEL", "DJANGO_SETTINGS_MODULE"}
    }
    environment["DJANGO_SETTINGS_MODULE"] = "e2e.server_settings"
    environment["DJOSER_E2E_ORIGIN"] = base_url
    environment["DJOSER_DEMO_DB"] = str(database_path)
    if user_model is not None:
        environment["DJOSER_USER_MODEL"] = user_model
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO_ROOT), environment.get("PYTHONPATH")])
    )
    return environment


@contextlib.contextmanager
def running_demo(directory, user_model=None):
    """Serve testproject (DEBUG on, outbox on); yield its base URL."""
    port = free_port()
    base_url = f"http://localhost:{port}"
    environment = server_environment(directory / "demo.sqlite3", base_url, user_model)
    manage = [sys.executable, "manage.py"]
    migrate = subprocess.run(
        [*manage, "migrate", "--noinput"],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    log_path = directory / "runserver.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=PROJECT_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_answering(server, f"http://127.0.0.1:{port}/", log_path)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
