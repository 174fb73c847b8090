"""Settings for the servers of ``test_parallel_servers.py``.

Those of the throttling servers (a shared cache: Redis or a directory), over
PostgreSQL when the test creates a database there (``DJOSER_SERVER_DATABASE_URL``),
else over one SQLite file. Wrong codes are not rate-limited here: the tests
prove single use, which must hold without any limit's help.
"""

import os

import dj_database_url

from tests.server_settings import *  # noqa: F403

if os.environ.get("DJOSER_SERVER_DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(os.environ["DJOSER_SERVER_DATABASE_URL"])
    }
DJOSER = {  # noqa: F405
    **DJOSER,  # noqa: F405
    "THROTTLE_RATES": {**DJOSER["THROTTLE_RATES"], "mfa_verify": None},  # noqa: F405
}

# A 500 leaves its traceback in the servers' log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
