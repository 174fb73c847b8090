import re
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def read_version():
    """Read ``__version__`` without importing the package (Django may be absent)."""
    source = (HERE / "djoser" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r"^__version__\s*=\s*[\"']([^\"']+)[\"']", source, re.MULTILINE)
    if match is None:
        raise RuntimeError("djoser/__init__.py does not define __version__")
    return match.group(1)


def compile_catalogs(locale_dir):
    """Write a ``.mo`` file beside every ``.po`` file under ``locale_dir``.

    Babel (a build requirement, see pyproject.toml) reads and writes the
    catalogues; fuzzy entries are left out, as GNU msgfmt does.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, catalog)


class BuildPyWithCatalogs(build_py):
    """Also compile the translation catalogues (``.mo`` files are not committed)."""

    def run(self):
        super().run()
        if not self.dry_run:
            compile_catalogs(Path(self.build_lib) / "djoser" / "locale")


setup(
    name="djoser",
    cmdclass={"build_py": BuildPyWithCatalogs},
    version=read_version(),
    description="REST endpoints for Django authentication, compatible with djoser 2.x",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="MIT",
    # Namespace discovery: templates/ and locale/ hold data files only, and
    # are packages of their own so setuptools ships them without warnings.
    packages=find_namespace_packages(
        include=["djoser", "djoser.*"], exclude=["*.__pycache__"]
    ),
    # The templates and catalogues, as MANIFEST.in lists them.
    include_package_data=True,
    python_requires=">=3.10",
    install_requires=[
        "Django>=4.2",
        "djangorestframework>=3.15",
    ],
    extras_require={
        "jwt": ["djangorestframework-simplejwt>=5.3"],
        "social": [
            "social-auth-app-django>=5.4",
            # The default SOCIAL_AUTH_TOKEN_STRATEGY answers with a JWT pair.
            "djangorestframework-simplejwt>=5.3",
        ],
        "webauthn": ["webauthn>=2.0"],
        # djoser.mfa: TOTP arithmetic, QR codes, encryption of secrets.
        "mfa": ["pyotp>=2.9", "segno>=1.5", "cryptography>=42"],
        "openapi": ["drf-spectacular>=0.27"],
        # What testproject needs to run (make run): every optional feature,
        # the OpenAPI pages with their files, and DATABASE_URL parsing.
        "demo": [
            "djangorestframework-simplejwt>=5.3",
            "social-auth-app-django>=5.4",
            "webauthn>=2.0",
            "drf-spectacular>=0.27",
            "drf-spectacular-sidecar",
            "dj-database-url>=2.1",
            "pyotp>=2.9",
            "segno>=1.5",
            "cryptography>=42",
        ],
        # The demo's requirements, and what the suite and CI add (make test).
        "test": [
            # tests/test_packaging.py builds the sdist; venvs of Python 3.12
            # and later come without setuptools.
            "setuptools>=68",
            "drf-spectacular>=0.27",
            "drf-spectacular-sidecar",
            "djangorestframework-simplejwt>=5.3",
            # djoser.social's tests; they run a provider of their own.
            "social-auth-app-django>=5.4",
            "dj-database-url>=2.1",
            # Compiles the catalogues in tests/test_translations.py, as the build does.
            "Babel>=2.12",
            "pytest>=7.4",
            "pytest-django>=4.8",
            "pytest-xdist>=3.5",
            "psycopg[binary]>=3.1",
            # Django's Redis cache backend, for the throttling lane in CI.
            "redis>=4.0",
            "ruff>=0.6",
            "time-machine>=2.13",
            # Email delivery through Django's tasks framework (djoser.delivery):
            # the database backend and its worker. pip picks django-tasks-db
            # 0.12 on Django 4.2 and 0.13 on 5.2 and 6.x; 0.13 runs on
            # django.tasks where Django has it (6.0+) and on the django-tasks
            # backport before that, which is harmless where unused.
            "django-tasks>=0.12",
            "django-tasks-db>=0.12",
            "aiosmtpd>=1.4",
            "webauthn>=2.0",
            "pyotp>=2.9",
            "segno>=1.5",
            "cryptography>=42",
            # tests/concurrency serves the testproject with it (make
            # test-concurrency).
            "gunicorn>=21",
        ],
        "docs": ["sphinx>=7"],
        # Drives Debian's chromium through its chromedriver (make e2e).
        "e2e": ["selenium>=4.11"],
    },
    classifiers=[
        "Development Status :: 5 - Production/Stable",
        "Environment :: Web Environment",
        "Framework :: Django",
        "Framework :: Django :: 4.2",
        "Framework :: Django :: 5.2",
        "Framework :: Django :: 6.0",
        "Framework :: Django :: 6.1",
        "Intended Audience :: Developers",
        "Operating System :: OS Independent",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
    ],
)
