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


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.glob("*.html")), ids=lambda path: path.stem
)
def test_every_default_email_subject_is_listed_for_djoser_users(template):
    page = (DOCS / "from_djoser.rst").read_text(encoding="utf-8")
    subject = SUBJECT.search(template.read_text(encoding="utf-8")).group(1)

    assert f"``{template.stem}``" in page
    assert f"``{subject}``" in page
