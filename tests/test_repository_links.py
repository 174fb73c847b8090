"""Nothing committed points outside the repository (.ci/check_links.py).

A committed symlink to a folder on one developer's machine breaks every
other clone; CI runs the check before anything else.
"""

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
CHECKER = REPOSITORY / ".ci" / "check_links.py"

# An sdist carries the tests but not .ci/.
pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not CHECKER.exists(),
    reason="needs git and a checkout's .ci/check_links.py",
)


def load_checker():
    spec = importlib.util.spec_from_file_location("check_links", CHECKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def git(directory, *arguments):
    subprocess.run(
        ["git", "-C", str(directory), *arguments],
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        },
    )


@pytest.fixture
def repository(tmp_path):
    """A git repository with a file; ``link(name, target)`` commits a link."""
    root = tmp_path / "repository"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.txt").write_text("hello\n")
    git(root, "init", "--quiet")

    def link(name, target):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
        git(root, "add", "--all")
        git(root, "commit", "--quiet", "-m", f"link {name}")

    return root, link


def test_a_link_to_an_absolute_path_is_reported(repository, tmp_path):
    root, link = repository
    (tmp_path / "elsewhere").mkdir()
    link("bench/.venvs", str(tmp_path / "elsewhere"))

    assert [name for name, _ in load_checker().outside_links(root)] == ["bench/.venvs"]


def test_a_relative_link_that_climbs_out_is_reported(repository):
    root, link = repository
    link("docs/up", "../../somewhere")

    assert [name for name, _ in load_checker().outside_links(root)] == ["docs/up"]


def test_a_dangling_link_is_reported(repository):
    root, link = repository
    link("docs/gone", "missing.txt")

    assert [name for name, _ in load_checker().outside_links(root)] == ["docs/gone"]


def test_links_inside_the_repository_pass(repository):
    root, link = repository
    link("readme.txt", "docs/index.txt")
    link("bench/docs", "../docs")

    assert load_checker().outside_links(root) == []


def test_the_script_fails_and_names_the_link(repository, tmp_path):
    root, link = repository
    link("bench/.venvs", str(tmp_path))

    result = subprocess.run(
        ["python3", str(CHECKER), str(root)], capture_output=True, text=True
    )

    assert result.returncode == 1
    assert "bench/.venvs" in result.stderr


@pytest.mark.skipif(
    not (REPOSITORY / ".git").exists(), reason="not a git checkout (an sdist)"
)
def test_nothing_committed_here_points_outside_the_repository():
    assert load_checker().outside_links(REPOSITORY) == []
