"""Fixtures for the end-to-end tests: testproject on a real server, Chromium.

The server is ``manage.py runserver`` on 127.0.0.1 and a free port, with a
fresh SQLite file; the browser is Debian's Chromium, headless, driven through
its own chromedriver. Screenshots go to ``artifacts/e2e/`` (or the directory
in ``DJOSER_E2E_ARTIFACTS``).
"""

import os
import shutil
from pathlib import Path

import pytest

from e2e.server import REPO_ROOT, running_demo

CHROMIUM = os.environ.get("DJOSER_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("DJOSER_E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("DJOSER_E2E_ARTIFACTS", REPO_ROOT / "artifacts/e2e"))


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
