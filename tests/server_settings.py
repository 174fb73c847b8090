"""Settings for the real servers ``test_throttling_servers.py`` starts.

The test settings, with a database file, a cache the processes share (Redis
when ``DJOSER_TEST_REDIS_URL`` is set, otherwise a cache directory) and the
recommended rate limits.
"""

import os

from djoser.conf import RECOMMENDED_THROTTLE_RATES
from tests.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["DJOSER_SERVER_DB"],
    }
}
if not os.environ.get("DJOSER_TEST_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["DJOSER_SERVER_CACHE_DIR"],
        }
    }
DJOSER = {**DJOSER, "THROTTLE_RATES": RECOMMENDED_THROTTLE_RATES}  # noqa: F405
