"""The shipped catalogues: complete, compiled, and used by the API and emails.

``.mo`` files are not committed; the module compiles them first, with the
same code the build uses (``djoser.msgfmt``).
"""

import gettext
import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation
from django.utils.functional import Promise

import djoser
from djoser.constants import Messages
from djoser.msgfmt import build_mo, compile_catalogs, parse_po

LOCALE_DIR = Path(djoser.__file__).parent / "locale"
TEMPLATE_DIR = Path(djoser.__file__).parent / "templates" / "email"
LANGUAGES = ["de", "fr", "es", "pl", "pt_BR"]

# What a client sees, per language: the message for a bad activation uid
# (a message of djoser's alone: DRF and Django translate some of the others
# themselves, and apps listed earlier in INSTALLED_APPS win) and the subject
# of the password reset email for the site "testserver".
EXPECTED = {
    "de": (
        "Ungültige Benutzer-ID oder der Benutzer existiert nicht.",
        "Wählen Sie ein neues Passwort für testserver",
    ),
    "fr": (
        "Identifiant d’utilisateur invalide ou utilisateur inexistant.",
        "Choisissez un nouveau mot de passe pour testserver",
    ),
    "es": (
        "ID de usuario no válido o el usuario no existe.",
        "Elige una nueva contraseña para testserver",
    ),
    "pl": (
        "Nieprawidłowy identyfikator użytkownika lub użytkownik nie istnieje.",
        "Wybierz nowe hasło w serwisie testserver",
    ),
    "pt_BR": (
        "ID de usuário inválido ou usuário inexistente.",
        "Escolha uma nova senha para testserver",
    ),
}


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    compile_catalogs(LOCALE_DIR)
    # Changing LOCALE_PATHS makes Django drop the catalogues it has loaded,
    # so none loaded before compiling hides the new files.
    with override_settings(LOCALE_PATHS=[]):
        yield


def catalogue(language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    return parse_po(path.read_text(encoding="utf-8"))


def messages():
    """``{attribute: lazy message}`` of djoser's Messages."""
    return {
        name: value
        for name, value in vars(Messages).items()
        if isinstance(value, Promise)
    }


def untranslated(message):
    with translation.override(None):
        return str(message)


def message_strings():
    return [untranslated(message) for message in messages().values()]


def template_strings():
    """The msgids of the email templates, as makemessages would extract them."""
    strings = set()
    for template in TEMPLATE_DIR.glob("*.html"):
        source = template.read_text(encoding="utf-8")
        strings.update(re.findall(r'{% translate "([^"]+)" %}', source))
        for block in re.findall(
            r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", source, re.S
        ):
            strings.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", block))
    return strings


def placeholders(text):
    return sorted(re.findall(r"%\(\w+\)s|\{\d*\}", text))


def test_every_message_and_template_string_is_extracted():
    # A guard for the two helpers above: they find what the catalogues hold.
    assert len(message_strings()) == 11
    assert "To choose a new one, open this link:" in template_strings()
    assert "Welcome to %(site_name)s!" in template_strings()


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_message_and_template_string(language):
    translated = catalogue(language)
    for msgid in [*message_strings(), *template_strings()]:
        assert translated.get(msgid), f"{language}: untranslated {msgid!r}"
        assert placeholders(translated[msgid]) == placeholders(msgid), msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    mo_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    with mo_path.open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for msgid, msgstr in catalogue(language).items():
        if msgid:
            assert compiled.gettext(msgid) == msgstr


def test_build_mo_encodes_contexts_and_plurals():
    source = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "Öffnen"\n\n'
        'msgid "one file"\nmsgid_plural "%(n)s files"\n'
        'msgstr[0] "eine Datei"\nmsgstr[1] "%(n)s Dateien"\n\n'
        '#, fuzzy\nmsgid "Close"\nmsgstr "Zu"\n\n'
        'msgid "Multi"\n"line"\nmsgstr "Mehr"\n"zeilig"\n'
    )
    compiled = gettext.GNUTranslations()
    compiled._parse(_BytesFile(build_mo(parse_po(source))))
    assert compiled.pgettext("menu", "Open") == "Öffnen"
    assert compiled.ngettext("one file", "%(n)s files", 2) == "%(n)s Dateien"
    assert compiled.gettext("Close") == "Close"  # fuzzy entries are left out
    assert compiled.gettext("Multiline") == "Mehrzeilig"


class _BytesFile:
    def __init__(self, data):
        self.data = data

    def read(self):
        return self.data


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_comes_out_translated(language):
    with translation.override(translation.to_language(language)):
        for name, message in messages().items():
            assert str(message) != untranslated(message), f"{language}: {name}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_email_comes_out_translated(language, user):
    from djoser.conf import settings as djoser_settings

    for name in djoser_settings.EMAIL:
        email_class = getattr(djoser_settings.EMAIL, name)
        english = email_class(context={"user": user, "site_name": "Example"})
        english.render()
        with translation.override(translation.to_language(language)):
            translated = email_class(context={"user": user, "site_name": "Example"})
            translated.render()
        assert translated.subject != english.subject, f"{language}: {name}"
        assert "Example" in translated.subject
        assert translated.body != english.body, f"{language}: {name}"


@pytest.fixture
def locale_middleware(settings):
    """The project negotiates the language from Accept-Language."""
    middleware = list(settings.MIDDLEWARE)
    position = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    middleware.insert(position + 1, "django.middleware.locale.LocaleMiddleware")
    settings.MIDDLEWARE = middleware


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_message_is_translated_for_the_client(
    language, locale_middleware, api_client, db
):
    response = api_client.post(
        "/auth/users/activation/",
        {"uid": "not-a-uid", "token": "not-a-token"},
        format="json",
        HTTP_ACCEPT_LANGUAGE=translation.to_language(language),
    )
    assert response.status_code == 400
    assert response.json() == {"uid": [EXPECTED[language][0]]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_reset_email_subject_is_translated_for_the_client(
    language, locale_middleware, api_client, user, fields, mailoutbox
):
    response = api_client.post(
        "/auth/users/reset_password/",
        {fields.email: getattr(user, fields.email)},
        format="json",
        HTTP_ACCEPT_LANGUAGE=translation.to_language(language),
    )
    assert response.status_code == 204
    assert [message.subject for message in mail.outbox] == [EXPECTED[language][1]]
