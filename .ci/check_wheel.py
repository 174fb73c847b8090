"""Import every module of an installed djoser wheel and render its emails.

Run with the interpreter of a virtualenv where only the wheel (and its
dependencies) is installed, from a directory outside the checkout, so the
source tree cannot stand in for the installed package.
"""

import importlib
import pkgutil
from pathlib import Path

import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=[
        "django.contrib.admin",  # djoser.devicetokens.admin registers there
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "rest_framework",
        "rest_framework.authtoken",
        "djoser",
        "djoser.devicetokens",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    TEMPLATES=[
        {"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}
    ],
    ROOT_URLCONF="djoser.urls",
    SECRET_KEY="wheel-check",
    DJOSER={
        "ACTIVATION_URL": "#/activate/{uid}/{token}",
        "PASSWORD_RESET_CONFIRM_URL": "#/password/{uid}/{token}",
        "USERNAME_RESET_CONFIRM_URL": "#/username/{uid}/{token}",
        "EMAIL_CHANGE_CONFIRM_URL": "#/email/confirm/{uid}/{token}",
        "EMAIL_CHANGE_UNDO_URL": "#/email/undo/{uid}/{token}",
        "EMAIL_FRONTEND_SITE_NAME": "Wheel check",
    },
)
django.setup()

from django.contrib.auth.models import User  # noqa: E402

import djoser  # noqa: E402

package_dir = Path(djoser.__file__).parent
assert "site-packages" in str(package_dir), f"not the installed wheel: {package_dir}"

# djoser.tasks needs Django's tasks framework (django.tasks or the backport);
# djoser.schema and djoser.browser.schema (which DjoserConfig.ready() imports
# only when it is installed) need drf-spectacular; djoser.mfa (and its URLs)
# the mfa extra; djoser.reauthentication.passkeys the webauthn extra.
optional = {
    "djoser.browser.schema",
    "djoser.reauthentication.passkeys",
    "djoser.social",
    "djoser.webauthn",
    "djoser.tasks",
    "djoser.schema",
    "djoser.mfa",
    "djoser.urls.mfa",
}
for module in pkgutil.walk_packages([str(package_dir)], prefix="djoser."):
    if not any(module.name.startswith(name) for name in optional):
        importlib.import_module(module.name)

from djoser.conf import settings as djoser_settings  # noqa: E402

user = User(pk=1, username="wheel", email="wheel@example.com")
for name in djoser_settings.EMAIL:
    if any(djoser_settings.EMAIL[name].startswith(f"{app}.") for app in optional):
        continue  # an optional app's email; its extra is not installed here
    message = getattr(djoser_settings.EMAIL, name)(context={"user": user})
    message.render()
    assert message.subject and message.body and message.alternatives, name
    print(f"rendered {name}: {message.subject!r}")

# The build compiles the catalogues: every shipped language translates.
from django.utils import translation  # noqa: E402

from djoser.constants import Messages  # noqa: E402

for po_path in sorted(package_dir.glob("locale/*/LC_MESSAGES/django.po")):
    language = po_path.parent.parent.name
    assert po_path.with_suffix(".mo").is_file(), f"no compiled catalogue: {language}"
    with translation.override(translation.to_language(language)):
        translated = str(Messages.INVALID_PASSWORD_ERROR)
    assert translated != "Invalid password.", language
    print(f"catalogue {language}: {translated!r}")

print(f"djoser {djoser.__version__} imports and renders from {package_dir}")
