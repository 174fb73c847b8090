"""A cache backend whose every call fails, as a cache server that went away."""

from django.core.cache.backends.locmem import LocMemCache


def _refuse(*args, **kwargs):
    raise ConnectionError("the cache server is down")


class BrokenCache(LocMemCache):
    add = get = set = touch = delete = incr = decr = _refuse
    get_many = set_many = delete_many = has_key = clear = _refuse
