"""Fixtures for the end-to-end tests: testproject on a real server, Chromium.

The server is ``manage.py runserver`` on 127.0.0.1 and a free port, with a
fresh SQLite file; the browser is Debian's Chromium, headless, driven through
its own chromedriver. Screenshots go to ``artifacts/e2e/`` (or the directory
in ``DJOSER_E2E_ARTIFACTS``).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIR = REPO_ROOT / "testproject"
CHROMIUM = os.environ.get("DJOSER_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("DJOSER_E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("DJOSER_E2E_ARTIFACTS", REPO_ROOT / "artifacts/e2e"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_path, user_model=None):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJOSER_USER_MODEL", "DJANGO_SETTINGS_MODULE"}
    }
    environment["DJOSER_DEMO_DB"] = str(database_path)
    if user_model is not None:
        environment["DJOSER_USER_MODEL"] = user_model
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO_ROOT), environment.get("PYTHONPATH")])
    )
    return environment


def wait_until_answering(server, url, log_path, deadline_seconds=30):
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    output = log_path.read_text(errors="replace")
    raise RuntimeError(f"runserver is not answering on {url}:\n{output}")


@contextlib.contextmanager
def running_demo(directory, user_model=None):
    """Serve testproject (DEBUG on, outbox on); yield its base URL."""
    environment = server_environment(directory / "demo.sqlite3", user_model)
    manage = [sys.executable, "manage.py"]
    migrate = subprocess.run(
        [*manage, "migrate", "--noinput"],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    port = free_port()
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
            base_url = f"http://127.0.0.1:{port}"
            wait_until_answering(server, base_url + "/", log_path)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.fixture(scope="session")
def live_demo(tmp_path_factory):
    """The base URL of testproject with Django's own user model."""
    with running_demo(tmp_path_factory.mktemp("demo")) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def artifacts():
    """The screenshot directory, emptied once per run."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture
def browser(tmp_path):
    """Headless Chromium through chromedriver; skipped when either is missing."""
    missing = [
        path for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)
    ]
    if missing:
        pytest.skip(
            f"no browser for the end-to-end tests: {', '.join(missing)} not found "
            "(apt-get install chromium chromium-driver)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1000,1000",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep a screenshot of the page a failing test left behind."""
    report = yield
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and page is not None:
        page.screenshot(f"FAILED-{item.name}")
    return report
