"""Counters in Django's cache that parallel requests cannot lose updates of.

``add_one`` adds one to each counter and answers the new counts: every caller
sees a different count, so exactly the first N of any burst see N or less.
``take_one`` gives them back. A counter is created on its first use and
expires ``timeout`` seconds later, which the caller picks so that nobody adds
to it after then (the rate limits name a new counter for every window).

On Django's Redis cache the counters of one call go to Redis in one round
trip (a MULTI/EXEC pipeline). Elsewhere they use the cache's ``incr`` and
``add``, one call per counter, which are atomic on Memcached and, within one
process, on the local-memory cache. The database and file caches implement
``incr`` as a read followed by a write: ``incr_is_atomic`` says so, and a
system check warns about it.
"""

import hashlib

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache


def digest(ident):
    """The part of a counter's key that names whom it counts.

    Hashed: names may be long or unicode, and cache backends limit keys.
    ``surrogatepass``: a JSON body may carry a lone surrogate such as \\ud800.
    """
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()


class CacheUnavailable(Exception):
    """The cache could not be reached (or failed) while counting."""


def add_one(cache, keys, timeout):
    """Add one to each counter in ``keys``; answer their new counts, in order.

    Raises ``CacheUnavailable`` when the cache fails: whatever its backend
    raises (redis-py's ConnectionError, a Memcached client's socket error)
    means the same to a caller, which cannot count.
    """
    try:
        client = _redis_client(cache)
        if client is not None:
            return _redis_add_one(cache, client, keys, timeout)
        return [_add_one(cache, key, timeout) for key in keys]
    except Exception as error:
        raise CacheUnavailable(f"{type(error).__name__}: {error}") from error


def take_one(cache, keys):
    """Take one off each counter in ``keys``; a counter that expired stays gone.

    Raises ``CacheUnavailable`` when the cache fails.
    """
    try:
        _take_one(cache, keys)
    except Exception as error:
        raise CacheUnavailable(f"{type(error).__name__}: {error}") from error


def _take_one(cache, keys):
    client = _redis_client(cache)
    if client is not None:
        with client.pipeline() as pipeline:
            for key in keys:
                pipeline.eval(_TAKE_ONE, 1, cache.make_and_validate_key(key))
            pipeline.execute()
        return
    for key in keys:
        try:
            cache.decr(key)
        except ValueError:
            pass  # it expired meanwhile: nothing to give back


def incr_is_atomic(cache):
    """Whether parallel ``add_one`` calls on ``cache`` can lose no update.

    Django's base ``incr`` reads, adds and writes back; backends that keep
    it (database, file, dummy) lose updates under parallel requests.
    """
    return _redis_client(cache) is not None or type(cache).incr is not BaseCache.incr


def _add_one(cache, key, timeout):
    try:
        return cache.incr(key)
    except ValueError:
        pass  # the first request of the window
    if cache.add(key, 1, timeout):
        return 1
    # Another request created it between our incr and add.
    return cache.incr(key)


# Only an existing counter is decremented: DECR on a missing key would
# create it with no expiry.
_TAKE_ONE = """
if redis.call("EXISTS", KEYS[1]) == 1 then return redis.call("DECR", KEYS[1]) end
"""


def _redis_add_one(cache, client, keys, timeout):
    with client.pipeline() as pipeline:  # MULTI/EXEC: no expiry in between
        for key in keys:
            full_key = cache.make_and_validate_key(key)
            pipeline.set(full_key, 0, ex=timeout, nx=True)
            pipeline.incr(full_key)
        replies = pipeline.execute()
    return replies[1::2]


def _redis_client(cache):
    """The redis-py client behind Django's own Redis cache, else None.

    Django's ``RedisCache.incr`` asks whether the key exists, then increments
    it: two round trips per counter, and a counter that expires in between is
    created again with no timeout. The pipeline does one round trip for all.
    ``_cache.get_client`` is private API, unchanged from Django 4.0 to 6.x;
    without it the portable path is taken.
    """
    if not isinstance(cache, RedisCache):
        return None
    get_client = getattr(getattr(cache, "_cache", None), "get_client", None)
    return get_client(write=True) if get_client is not None else None
