"""System checks: misconfiguration named at ``manage.py check``, not found in
production."""

from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache

from djoser import counters
from djoser.conf import settings


@checks.register(checks.Tags.caches)
def check_throttle_cache(app_configs=None, **kwargs):
    """Rate limits need a default cache that counts, atomically.

    The database and file caches add one by reading and writing back, so
    parallel requests overwrite each other's counts and a burst gets past the
    limit; the dummy cache counts nothing at all.
    """
    limited = sorted(
        action for action, rate in settings.THROTTLE_RATES.items() if rate is not None
    )
    if not limited:
        return []
    try:
        cache = caches["default"]
    except Exception:
        return []  # Django's own checks name a broken CACHES setting
    backend = f"{type(cache).__module__}.{type(cache).__qualname__}"
    if isinstance(cache, DummyCache):
        return [
            checks.Warning(
                f"DJOSER THROTTLE_RATES limits {', '.join(limited)}, but the "
                f"default cache is {backend}, which keeps no counts: nothing is "
                "limited.",
                hint="Point CACHES['default'] at Redis or Memcached.",
                id="djoser.W102",
            )
        ]
    if not counters.incr_is_atomic(cache):
        return [
            checks.Warning(
                f"DJOSER THROTTLE_RATES limits {', '.join(limited)}, but the "
                f"default cache is {backend}, whose incr() is not atomic: "
                "parallel requests can get past the limits.",
                hint="Point CACHES['default'] at Redis or Memcached.",
                id="djoser.W101",
            )
        ]
    return []
