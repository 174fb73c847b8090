"""The settings the docs tell a reader to write pass ``manage.py check``.

Each scenario is a fresh ``django-admin startproject`` to which the code
blocks of some documented sections are added, as a reader following them
would: lists (``INSTALLED_APPS`` with its ``# ...``) are extended, the
``DJOSER`` dict is merged key by key, other settings are set, and the
``urlpatterns`` statements go to the project's ``urls.py``. The blocks are
read from the docs themselves, so the test follows them as they change.
"""

import ast
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEADING_CHARACTERS = "=-^~\"'"

# Name -> (the sections it follows, in order; whether --deploy applies;
# the djoser check ids the docs name for it).
SCENARIOS = {
    "README": ([("README.md", "## Using it in a project")], True, []),
    "getting started": ([("docs/getting_started.rst", "Setting up")], False, []),
    # Django's user model has no unique email: the docs name the warning.
    "getting started, signing in by email": (
        [
            ("docs/getting_started.rst", "Setting up"),
            ("docs/getting_started.rst", "Signing in by email"),
        ],
        False,
        ["djoser.W411"],
    ),
    "two-factor sign-in": (
        [
            ("docs/getting_started.rst", "Setting up"),
            ("docs/mfa.rst", "Installing"),
        ],
        False,
        [],
    ),
    "passkeys": (
        [
            ("docs/getting_started.rst", "Setting up"),
            ("docs/passkeys.rst", "Setting it up"),
        ],
        False,
        [],
    ),
    "email change": (
        [
            ("docs/getting_started.rst", "Setting up"),
            ("docs/email_change.rst", "Turning it on"),
        ],
        False,
        [],
    ),
    "sessions": (
        [
            ("docs/getting_started.rst", "Setting up"),
            ("docs/sessions.rst", "Turning it on"),
        ],
        False,
        [],
    ),
    "social login": (
        [
            ("docs/getting_started.rst", "Setting up"),
            ("docs/social.rst", "Setting up"),
        ],
        False,
        [],
    ),
    "social login, linking by a verified address": (
        [
            ("docs/getting_started.rst", "Setting up"),
            ("docs/social.rst", "Setting up"),
            (
                "docs/social.rst",
                "Signing in to an existing account by its email address",
            ),
        ],
        False,
        [],
    ),
    "native apps": (
        [
            ("docs/getting_started.rst", "Setting up"),
            ("docs/social.rst", "Setting up"),
            ("docs/native_apps.rst", "Setting up"),
        ],
        False,
        [],
    ),
    "codes": (
        [
            ("docs/getting_started.rst", "Setting up"),
            ("docs/codes.rst", "Installing"),
        ],
        False,
        [],
    ),
    "device tokens": (
        [
            ("docs/getting_started.rst", "Setting up"),
            ("docs/device_tokens.rst", "Setting it up"),
        ],
        False,
        [],
    ),
}


def rst_section(text, title):
    """The body of the section headed ``title``, up to the next heading of its level."""
    lines = text.splitlines()
    levels = []
    headings = []
    for number, line in enumerate(lines[:-1]):
        underline = lines[number + 1]
        if (
            line.strip()
            and underline
            and underline[0] in HEADING_CHARACTERS
            and set(underline) == {underline[0]}
            and len(underline) >= len(line.rstrip())
        ):
            if underline[0] not in levels:
                levels.append(underline[0])
            headings.append((number, line.strip(), levels.index(underline[0])))
    for index, (number, heading, level) in enumerate(headings):
        if heading == title:
            end = next(
                (
                    later
                    for later, _, deeper in headings[index + 1 :]
                    if deeper <= level
                ),
                len(lines),
            )
            return "\n".join(lines[number + 2 : end])
    raise AssertionError(f"no section {title!r}")


def rst_code_blocks(section):
    """The literal blocks (``::`` and ``code-block:: python``) of ``section``."""
    lines = section.splitlines()
    blocks = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        if (
            not (stripped.endswith("::") and not stripped.startswith(".. "))
            and stripped != ".. code-block:: python"
        ):
            continue
        indent = len(line) - len(line.lstrip())
        block = []
        for following in lines[number + 1 :]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            block.append(following)
        blocks.append(textwrap.dedent("\n".join(block)))
    return blocks


def markdown_section(text, title):
    return text.split(title + "\n", 1)[1].split("\n## ", 1)[0]


def markdown_code_blocks(section):
    return re.findall(r"```python\n(.*?)```", section, re.S)


def documented_code(path, title):
    """The Python of the section ``title`` of ``path``; pip lines left out."""
    text = (ROOT / path).read_text(encoding="utf-8")
    if path.endswith(".md"):
        blocks = markdown_code_blocks(markdown_section(text, title))
    else:
        blocks = rst_code_blocks(rst_section(text, title))
    code = []
    for block in blocks:
        source = "\n".join(
            line for line in block.splitlines() if not line.startswith("pip ")
        )
        try:
            ast.parse(source)
        except SyntaxError:
            continue  # a request or a shell example, not settings
        if source.strip():
            code.append(source)
    assert code, f"{path}: no code in {title!r}"
    return code


def split_settings_and_urls(source):
    """``source``'s statements about ``urlpatterns``, and the others."""
    settings_lines, url_lines = [], []
    lines = source.splitlines()
    for statement in ast.parse(source).body:
        text = "\n".join(lines[statement.lineno - 1 : statement.end_lineno])
        targets = [
            node.id
            for node in ast.walk(statement)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
        ]
        is_url_import = isinstance(statement, ast.ImportFrom) and (
            statement.module == "django.urls"
        )
        (
            url_lines if "urlpatterns" in targets or is_url_import else settings_lines
        ).append(text)
    return "\n".join(settings_lines), "\n".join(url_lines)


# Appended to startproject's settings.py: how a reader merges a block in.
MERGE = """

def _follow_the_docs(source):
    # The documented lines run as if written at the end of this file: they
    # see the settings above them (MAILERS on Django 6.1's new projects).
    documented = {name: value for name, value in globals().items() if name.isupper()}
    exec(source, documented)
    for name, value in documented.items():
        if not name.isupper():
            continue
        current = globals().get(name)
        if isinstance(value, (list, tuple)) and isinstance(current, (list, tuple)):
            added = [item for item in value if item is not ... and item not in current]
            globals()[name] = [*current, *added]
        elif name == "DJOSER" and isinstance(current, dict):
            globals()[name] = {**current, **value}
        else:
            globals()[name] = value

"""

URLS = """

from django.urls import include, path


def _follow_the_docs(source):
    documented = {"urlpatterns": [], "path": path, "include": include}
    exec(source, documented)
    urlpatterns.extend(documented["urlpatterns"])

"""


def build_project(directory, sections):
    subprocess.run(
        [sys.executable, "-m", "django", "startproject", "docsite", str(directory)],
        check=True,
        capture_output=True,
    )
    settings_file = directory / "docsite" / "settings.py"
    urls_file = directory / "docsite" / "urls.py"
    settings_source = settings_file.read_text() + MERGE
    urls_source = urls_file.read_text() + URLS
    for path, title in sections:
        for code in documented_code(path, title):
            settings_code, urls_code = split_settings_and_urls(code)
            settings_source += f"_follow_the_docs({settings_code!r})\n"
            urls_source += f"_follow_the_docs({urls_code!r})\n"
    settings_file.write_text(settings_source)
    urls_file.write_text(urls_source)


def check(directory, *options):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", *options],
        cwd=directory,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONWARNINGS": "ignore"},
    )
    output = result.stdout + result.stderr
    return result.returncode, output, re.findall(r"\((djoser\.[EW]\d+)\)", output)


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_documented_settings_pass_check(name, tmp_path):
    sections, deploy, expected = SCENARIOS[name]
    build_project(tmp_path, sections)

    code, output, found = check(tmp_path)

    assert found == expected, output
    if not expected:
        assert code == 0, output
        assert "System check identified no issues" in output, output
    if deploy:
        _code, output, found = check(tmp_path, "--deploy")
        # Django's own deployment warnings (DEBUG, SECRET_KEY, HTTPS) are the
        # project's to settle; djoser's must not appear.
        assert found == expected, output


def test_the_scenarios_read_code_from_every_section():
    for sections, _deploy, _expected in SCENARIOS.values():
        for path, title in sections:
            assert documented_code(path, title)
