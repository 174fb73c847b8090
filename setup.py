import importlib.util
import re
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def read_version():
    """Read ``__version__`` without importing the package (Django may be absent)."""
    source = (HERE / "djoser" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r"^__version__\s*=\s*[\"']([^\"']+)[\"']", source, re.MULTILINE)
    if match is None:
        raise RuntimeError("djoser/__init__.py does not define __version__")
    return match.group(1)


def load_msgfmt():
    """djoser/msgfmt.py, loaded by path: the build must not import Django."""
    spec = importlib.util.spec_from_file_location(
        "djoser_msgfmt", HERE / "djoser" / "msgfmt.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithCatalogs(build_py):
    """Also compile the translation catalogues (``.mo`` files are not committed)."""

    def run(self):
        super().run()
        if not self.dry_run:
            locale_dir = Path(self.build_lib) / "djoser" / "locale"
            load_msgfmt().compile_catalogs(locale_dir)


setup(
    name="djoser",
    cmdclass={"build_py": BuildPyWithCatalogs},
    version=read_version(),
    description="REST endpoints for Django authentication, compatible with djoser 2.x",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="MIT",
    packages=find_packages(include=["djoser", "djoser.*"]),
    include_package_data=True,
    package_data={
        "djoser": [
            "templates/**/*",
            "locale/**/*.po",
            "locale/**/*.mo",
        ]
    },
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
        "test": [
            "drf-spectacular>=0.27",
            "drf-spectacular-sidecar",
            "djangorestframework-simplejwt>=5.3",
            # djoser.social's tests; they run a provider of their own.
            "social-auth-app-django>=5.4",
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
