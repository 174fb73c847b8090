"""Settings for the servers of ``test_parallel_servers.py``.

Those of the throttling servers (a shared cache: Redis or a directory), over
PostgreSQL when the test creates a database there (``DJOSER_SERVER_DATABASE_URL``),
else over one SQLite file.
"""

import os

from testproject.settings import database_from_url
from tests.server_settings import *  # noqa: F403

if os.environ.get("DJOSER_SERVER_DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DJOSER_SERVER_DATABASE_URL"])}

# A 500 leaves its traceback in the servers' log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
