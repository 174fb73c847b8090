"""testproject on a real server: ``manage.py runserver`` on 127.0.0.1.

Each server gets a free port and a fresh SQLite file; DEBUG is on, so sent
emails land in the demo's outbox. The browser opens it as
``http://localhost:PORT``: passkeys need a host name (their RP ID is
``localhost``), and ``e2e.server_settings`` accepts that origin.
"""

import contextlib
import os
from pathlib import Path

from tests.live_server import free_port, running_testproject

REPO_ROOT = Path(__file__).resolve().parent.parent


def server_environment(database_path, base_url, user_model=None, extra=None):
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
    environment.update(extra or {})
    return environment


@contextlib.contextmanager
def running_demo(directory, user_model=None, environment=None):
    """Serve testproject (DEBUG on, outbox on); yield its base URL.

    ``environment`` adds variables to the server's (a provider to use, say).
    """
    # The port must be known before the server starts: it is the passkeys' origin.
    port = free_port()
    base_url = f"http://localhost:{port}"
    environment = server_environment(
        directory / "demo.sqlite3", base_url, user_model, environment
    )
    with running_testproject(directory, environment, port=port):
        yield base_url
