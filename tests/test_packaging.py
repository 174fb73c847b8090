"""The sdist's file list (MANIFEST.in), built as a fresh clone and a used tree build it.

CI's build lane fails on setuptools' notes of patterns that match nothing,
so MANIFEST.in must list what a clean checkout has, and nothing more; a tree
that has run the demo and the suite must still ship none of their leftovers.
"""

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (REPOSITORY / ".git").exists(),
    reason="needs git and a checkout (the sdist is built from one)",
)


def checkout(destination):
    """Copy the files git tracks, as a fresh clone of this tree has them."""
    listing = subprocess.run(
        ["git", "-C", str(REPOSITORY), "ls-files", "-z"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for name in filter(None, listing.split("\0")):
        source = REPOSITORY / name
        if not source.exists():
            continue  # deleted in the working tree, not yet committed
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return destination


def build_sdist(tree):
    """Build the sdist of ``tree``: (setuptools' output, names in the archive)."""
    result = subprocess.run(
        [sys.executable, "setup.py", "sdist", "--dist-dir", "dist"],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    (archive,) = (tree / "dist").glob("*.tar.gz")
    with tarfile.open(archive) as sdist:
        names = [name.split("/", 1)[1] for name in sdist.getnames() if "/" in name]
    return result.stdout + result.stderr, names


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    """(the clone, setuptools' output, the sdist's names) of a fresh clone."""
    tree = checkout(tmp_path_factory.mktemp("sdist") / "clone")
    return (tree, *build_sdist(tree))


def test_a_clean_checkout_builds_without_notes_of_unmatched_patterns(clean_build):
    _tree, output, _names = clean_build

    assert "no previously-included" not in output, output
    assert "no files found matching" not in output, output


def test_the_sdist_carries_the_suite_the_demo_and_the_catalogues(clean_build):
    _tree, _output, names = clean_build

    assert "tests/conftest.py" in names
    assert "tests/upgrade/run.sh" in names
    assert "testproject/manage.py" in names
    assert "testproject/demo/static/demo/app.css" in names
    assert "testproject/demo/templates/demo/index.html" in names
    assert "djoser/templates/email/activation.html" in names
    assert "djoser/locale/de/LC_MESSAGES/django.po" in names


def test_the_sdist_carries_every_committed_file_of_the_suite_and_the_demo(
    clean_build,
):
    tree, _output, names = clean_build
    committed = {
        path.relative_to(tree).as_posix()
        for folder in ("tests", "testproject")
        for path in (tree / folder).rglob("*")
        if path.is_file()
    }

    assert committed - set(names) == set()


def test_leftovers_of_a_used_tree_stay_out(tmp_path):
    tree = checkout(tmp_path / "clone")
    (tree / "testproject" / "db.sqlite3").write_bytes(b"the demo's accounts")
    (tree / "tests" / "__pycache__").mkdir()
    (tree / "tests" / "__pycache__" / "conftest.cpython-311.pyc").write_bytes(b"")
    (tree / "testproject" / "demo" / "views.pyc").write_bytes(b"")

    _output, names = build_sdist(tree)

    assert not [name for name in names if name.endswith((".sqlite3", ".pyc"))]
    assert not [name for name in names if "__pycache__" in name]
