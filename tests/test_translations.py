"""The shipped catalogues: complete, compiled, and used by the API and emails.

``.mo`` files are not committed; the module compiles them first with Babel,
as the build does (``setup.py``).
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.core import mail
from django.test import override_settings
from django.utils import translation
from django.utils.functional import Promise

import djoser
from djoser.constants import Messages
from djoser.social import failures as social_failures
from djoser.social import id_tokens, token_flow
from djoser.social.serializers import ProviderAuthRequestSerializer
from djoser.webauthn.constants import Messages as PasskeyMessages
from tests.webauthn.authenticator import SoftAuthenticator

PACKAGE_DIR = Path(djoser.__file__).parent
LOCALE_DIR = PACKAGE_DIR / "locale"
TEMPLATE_DIR = PACKAGE_DIR / "templates" / "email"
# The names makemessages looks for in Python code.
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy"}
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


# The same for messages of the optional apps: a passkey answer naming a
# passkey the site does not know, and a social login asked to return to a
# redirect URI that is not allowed.
EXPECTED_OPTIONAL = {
    "de": (
        "Dieser Passkey ist nicht registriert.",
        "Diese redirect_uri ist nicht erlaubt.",
    ),
    "fr": (
        "Cette clé d’accès n’est pas enregistrée.",
        "Cette redirect_uri n’est pas autorisée.",
    ),
    "es": (
        "Esta llave de acceso no está registrada.",
        "Esta redirect_uri no está permitida.",
    ),
    "pl": (
        "Ten klucz dostępu nie jest zarejestrowany.",
        "Ten redirect_uri jest niedozwolony.",
    ),
    "pt_BR": (
        "Esta chave de acesso não está registrada.",
        "Este redirect_uri não é permitido.",
    ),
}


def read_catalogue(language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po_file:
        return read_po(po_file, locale=language)


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    for language in LANGUAGES:
        mo_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, read_catalogue(language))
    # Changing LOCALE_PATHS makes Django drop the catalogues it has loaded,
    # so none loaded before compiling hides the new files.
    with override_settings(LOCALE_PATHS=[]):
        yield


def catalogue(language):
    """``{msgid: msgstr}`` of the entries a compiled catalogue keeps."""
    return {
        message.id: message.string
        for message in read_catalogue(language)
        if message.id and not message.fuzzy
    }


def messages():
    """``{attribute: lazy message}`` of djoser's Messages."""
    return lazy_messages(vars(Messages))


def lazy_messages(namespace, prefix=""):
    return {
        f"{prefix}{name}": value
        for name, value in namespace.items()
        if isinstance(value, Promise)
    }


def optional_app_messages():
    """The error messages of the passkey and social login apps."""
    return {
        **lazy_messages(vars(PasskeyMessages), "webauthn."),
        **lazy_messages(social_failures.MESSAGES, "social."),
        **lazy_messages(id_tokens.MESSAGES, "social.id_token."),
        **lazy_messages(token_flow.NOT_ACCEPTED, "social.token."),
        **lazy_messages(
            ProviderAuthRequestSerializer.default_error_messages, "social."
        ),
    }


def untranslated(message):
    with translation.override(None):
        return str(message)


def message_strings():
    return [untranslated(message) for message in messages().values()]


def python_strings():
    """The msgids of the package's code: string literals passed to gettext.

    Calls inside f-strings count too, although makemessages cannot see them
    there: such a message would stay untranslated, and fails the tests.
    """
    strings = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT_NAMES
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                strings.add(node.args[0].value)
    return strings


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
    return sorted(re.findall(r"%\(\w+\)[sdr]|\{\w*(?:![rsa])?\}", text))


def test_every_message_and_template_string_is_extracted():
    # A guard for the helpers above: they find what the catalogues hold.
    assert len(message_strings()) == 11
    assert set(message_strings()) <= python_strings()
    assert {
        untranslated(message) for message in optional_app_messages().values()
    } <= python_strings()
    # One message of each module with messages of its own.
    assert {
        "Token has expired.",  # devicetokens
        "unnamed device",  # devicetokens, once inside an f-string
        "No active account found for the given token.",  # jwt_views
        "The login was cancelled at the provider.",  # social
        "No social login backend named %(provider)r.",  # social
        "unreadable data",  # webauthn
        "Not valid base64url.",  # webauthn
        "Passkeys",  # webauthn
    } <= python_strings()
    assert "To choose a new one, open this link:" in template_strings()
    assert "Welcome to %(site_name)s!" in template_strings()


def test_placeholders_are_told_apart():
    assert placeholders("add '{app}' to {0}, %(provider)r, %(name)s") == [
        "%(name)s",
        "%(provider)r",
        "{0}",
        "{app}",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_message_and_template_string(language):
    translated = catalogue(language)
    for msgid in sorted(python_strings() | template_strings()):
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_comes_out_translated(language):
    with translation.override(translation.to_language(language)):
        for name, message in messages().items():
            assert str(message) != untranslated(message), f"{language}: {name}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_optional_app_message_comes_out_translated(language):
    with translation.override(translation.to_language(language)):
        for name, message in optional_app_messages().items():
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_passkey_error_is_translated_for_the_client(
    language, locale_middleware, api_client, fields, db
):
    # A genuine answer from a passkey that was never registered here.
    authenticator = SoftAuthenticator()
    signup_options = api_client.post(
        "/auth/webauthn/signup_request/",
        {fields.username: fields.values()[fields.username]},
        format="json",
    ).data
    authenticator.create(signup_options)
    login_options = api_client.post(
        "/auth/webauthn/login_request/", {}, format="json"
    ).data

    response = api_client.post(
        "/auth/webauthn/login/",
        authenticator.get(login_options),
        format="json",
        HTTP_ACCEPT_LANGUAGE=translation.to_language(language),
    )

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [EXPECTED_OPTIONAL[language][0]]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_social_login_error_is_translated_for_the_client(
    language, locale_middleware, api_client, db
):
    response = api_client.get(
        "/auth/o/oidc/",
        {"redirect_uri": "https://elsewhere.example/callback"},
        HTTP_ACCEPT_LANGUAGE=translation.to_language(language),
    )

    assert response.status_code == 400
    assert response.json() == {"redirect_uri": [EXPECTED_OPTIONAL[language][1]]}
