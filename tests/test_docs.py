"""The documentation keeps up with the code: every setting and message."""

import re
from pathlib import Path

import pytest

from djoser.conf import STATIC_DEFAULTS, get_default_settings
from djoser.constants import Messages

DOCS = Path(__file__).resolve().parent.parent / "docs"

# Every dict-valued setting, whether its values are imported or not.
DICT_SETTINGS = sorted(
    key for key, value in STATIC_DEFAULTS.items() if isinstance(value, dict)
)


@pytest.fixture(scope="module")
def settings_page():
    return (DOCS / "settings.rst").read_text(encoding="utf-8")


def test_every_setting_is_documented(settings_page):
    missing = [
        key for key in get_default_settings() if f"``{key}``" not in settings_page
    ]
    assert missing == []


@pytest.mark.parametrize("setting", DICT_SETTINGS)
def test_every_key_of_dict_settings_is_documented(settings_page, setting):
    defaults = get_default_settings()[setting]
    missing = [key for key in defaults if f"``{key}``" not in settings_page]
    assert missing == []


def test_every_message_is_documented(settings_page):
    names = [name for name in vars(Messages) if name.isupper()]
    missing = [name for name in names if f"``{name}``" not in settings_page]
    assert missing == []


TEMPLATES = Path(__file__).resolve().parent.parent / "djoser" / "templates" / "email"
SUBJECT = re.compile(
    r"{% block subject %}.*?{% blocktranslate %}(.*?){% endblocktranslate %}", re.S
)


# The emails djoser 2.x sent; the ones of the newer features have no old
# subject a project's tests could assert.
DJOSER_2_EMAILS = [
    "activation",
    "confirmation",
    "password_reset",
    "password_changed_confirmation",
    "username_reset",
    "username_changed_confirmation",
]


@pytest.mark.parametrize(
    "template",
    [TEMPLATES / f"{key}.html" for key in DJOSER_2_EMAILS],
    ids=lambda path: path.stem,
)
def test_every_default_email_subject_is_listed_for_djoser_users(template):
    page = (DOCS / "from_djoser.rst").read_text(encoding="utf-8")
    subject = SUBJECT.search(template.read_text(encoding="utf-8")).group(1)

    assert f"``{template.stem}``" in page
    assert f"``{subject}``" in page


README = DOCS.parent / "README.md"
MAKEFILE = DOCS.parent / "Makefile"
NUMBER_WORDS = {2: "twice", 3: "three times", 4: "four times", 5: "five times"}


def make_test_lanes():
    """The pytest runs of ``make test``: one per user model, then the others."""
    makefile = MAKEFILE.read_text(encoding="utf-8")
    models = re.search(r"^USER_MODELS := (.+)$", makefile, re.M).group(1).split()
    recipe = re.search(r"^test: install\n((?:\t.*\n)+)", makefile, re.M).group(1)
    others = re.findall(r"test-lanes|test-[a-z]+", recipe)
    return models, [target for target in others if target != "test-lanes"]


def test_the_readme_counts_the_pytest_runs_of_make_test():
    models, others = make_test_lanes()
    readme = README.read_text(encoding="utf-8")
    testing = readme.split("## Testing", 1)[1].split("\n## ", 1)[0]

    runs = NUMBER_WORDS[len(models) + len(others)]
    assert f"`make test` runs pytest {runs}" in " ".join(testing.split())
    assert [model for model in models if f"`{model}`" not in testing] == []
    assert "DJOSER_TEST_TOKEN_MODEL=devicetokens" in testing


# setup.py's extras for the project's own work, not for a project using djoser.
DEVELOPMENT_EXTRAS = {"demo", "test", "docs", "e2e"}


def feature_extras():
    from importlib.metadata import metadata

    extras = metadata("djoser").get_all("Provides-Extra")
    return [extra for extra in extras if extra not in DEVELOPMENT_EXTRAS]


def section(text, start, end):
    """The part of ``text`` from ``start`` up to the next ``end`` after it."""
    return text.split(start, 1)[1].split(end, 1)[0]


# Where a reader picks the extras to install: (file, section start, end).
EXTRAS_LISTS = [
    ("README.md", "## Installing it in another project", "\n## "),
    ("docs/getting_started.rst", "Installing\n----------", "\n-----"),
    ("docs/from_djoser.rst", "2. Swap the requirement", "\n3. "),
]


@pytest.mark.parametrize("path, start, end", EXTRAS_LISTS)
def test_every_feature_extra_is_listed_where_installing_is_explained(path, start, end):
    text = " ".join(section((DOCS.parent / path).read_text(), start, end).split())
    quote = "`" if path.endswith(".md") else "``"

    missing = [
        extra for extra in feature_extras() if f"{quote}{extra}{quote}" not in text
    ]
    assert missing == []


def test_no_page_installs_djoser_from_the_package_index():
    # "djoser[extra]" alone is upstream djoser from PyPI, not this package.
    pages = [README, *sorted(DOCS.glob("*.rst"))]
    bare = re.compile(r"""pip install ["']?djoser(\[[\w,]+\])?["']?(?!\s*@)(\s|$)""")
    found = [
        f"{page.name}: {line.strip()}"
        for page in pages
        for line in page.read_text(encoding="utf-8").splitlines()
        if bare.search(line) and "package index" not in line
    ]
    assert found == []


def test_the_openapi_page_lists_every_tag_in_the_schemas_order():
    # A generated client groups its functions by these tags: the page names
    # each one a reader will meet, in the order the schema lists them.
    from djoser import schema

    page = (DOCS / "openapi.rst").read_text(encoding="utf-8")
    paragraph = " ".join(page.split("The tags, in this order:", 1)[1].split())
    listed = re.findall(r"``([^`]+)``", paragraph.split(". ", 1)[0])

    assert listed == list(schema.TAGS)
