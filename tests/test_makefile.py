"""What ``make`` installs, read from its dry runs (``make -n``).

The package is installed editable once, and again only when the packaging
metadata changes: reinstalling it rewrites its editable finder, which makes
the server of a running ``make run`` restart. ``make test``, ``make docs``
and ``make e2e`` add their extras' requirements, not the package.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or not (ROOT / "Makefile").exists(),
    reason="needs make and the checkout's Makefile",
)

PACKAGE_INSTALL = "install -e"


@pytest.fixture
def venv(tmp_path):
    """A virtualenv directory as ``make run`` leaves it: the demo's stamp."""
    directory = tmp_path / "venv"
    (directory / "bin").mkdir(parents=True)
    (directory / "bin" / "python").touch()
    (directory / ".djoser-demo-installed").touch()
    return directory


def dry_run(venv, *targets):
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", *targets, f"VENV={venv}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def make_older_than_the_metadata(path):
    """Give ``path`` a time before setup.py's and pyproject.toml's."""
    newest = max(
        (ROOT / name).stat().st_mtime for name in ("setup.py", "pyproject.toml")
    )
    os.utime(path, (newest - 3600, newest - 3600))


@pytest.mark.parametrize("target", ["install", "test", "docs", "e2e"])
def test_after_make_run_the_package_is_not_installed_again(venv, target):
    commands = dry_run(venv, target)

    assert PACKAGE_INSTALL not in commands
    assert "install -r" in commands


def test_make_test_installs_the_test_extras_requirements(venv):
    commands = dry_run(venv, "install")

    assert 'requires("djoser")' in commands.replace("'", '"')
    assert f"{venv}/test-requirements.txt" in commands


def test_nothing_is_installed_when_every_stamp_is_there(venv):
    (venv / ".djoser-test-installed").touch()

    commands = dry_run(venv, "install", "install-demo")

    assert "pip" not in commands


def test_new_packaging_metadata_installs_the_package_again(venv):
    for name in (".djoser-demo-installed", ".djoser-test-installed", "bin/python"):
        (venv / name).touch()
        make_older_than_the_metadata(venv / name)

    commands = dry_run(venv, "install")

    assert "install -e '.[demo]'" in commands
    assert "install -r" in commands
