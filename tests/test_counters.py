"""Atomic counters in the cache (``djoser.counters``).

The tests on ``cache`` run on the local-memory cache, and on a real Redis
server in CI's Redis lane (``DJOSER_TEST_REDIS_URL``).
"""

import threading

import pytest
from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from djoser import counters


def test_each_of_twenty_parallel_callers_sees_its_own_count():
    barrier = threading.Barrier(20)
    counts = []

    def count():
        barrier.wait()
        counts.extend(counters.add_one(cache, ["burst"], 60))

    threads = [threading.Thread(target=count) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(counts) == list(range(1, 21))


def test_counters_of_one_call_are_counted_independently():
    counters.add_one(cache, ["a"], 60)

    assert counters.add_one(cache, ["a", "b"], 60) == [2, 1]


def test_take_one_gives_a_count_back():
    counters.add_one(cache, ["a", "b"], 60)
    counters.add_one(cache, ["a"], 60)

    counters.take_one(cache, ["a", "b"])

    assert counters.add_one(cache, ["a", "b"], 60) == [2, 1]


def test_take_one_leaves_a_missing_counter_missing():
    counters.take_one(cache, ["gone"])

    assert cache.get("gone") is None


class FakePipeline:
    """Records what a MULTI/EXEC pipeline would send, and answers for it."""

    executions = []

    def __init__(self):
        self.commands = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def set(self, key, value, ex, nx):
        self.commands.append(("SET", key, value, ex, nx))

    def incr(self, key):
        self.commands.append(("INCR", key))

    def eval(self, script, key_count, key):
        self.commands.append(("EVAL", key))

    def execute(self):
        FakePipeline.executions.append(self.commands)
        return [True if command[0] == "SET" else 1 for command in self.commands]


class FakeRedisClient:
    def pipeline(self):
        return FakePipeline()


@pytest.fixture
def redis_cache(monkeypatch):
    """Django's Redis cache, its client replaced by one that records."""
    redis = RedisCache("redis://127.0.0.1:1/0", {})
    monkeypatch.setattr(
        redis._cache, "get_client", lambda key=None, write=False: FakeRedisClient()
    )
    FakePipeline.executions = []
    return redis


def test_on_redis_all_counters_of_a_call_go_in_one_round_trip(redis_cache):
    counts = counters.add_one(redis_cache, ["a", "b"], 60)

    assert counts == [1, 1]
    [commands] = FakePipeline.executions
    assert [command[0] for command in commands] == ["SET", "INCR", "SET", "INCR"]
    # Created with its timeout, and only if missing: INCR keeps the timeout.
    assert commands[0][3:] == (60, True)


def test_on_redis_counts_are_given_back_in_one_round_trip(redis_cache):
    counters.take_one(redis_cache, ["a", "b"])

    [commands] = FakePipeline.executions
    assert [command[0] for command in commands] == ["EVAL", "EVAL"]


@pytest.mark.parametrize(
    "backend,atomic",
    [
        (LocMemCache("atomic", {}), True),
        (RedisCache("redis://127.0.0.1:1/0", {}), True),
        (DatabaseCache("cache_table", {}), False),
        (FileBasedCache("/nonexistent", {}), False),
        (DummyCache("dummy", {}), False),
    ],
    ids=["locmem", "redis", "database", "file", "dummy"],
)
def test_incr_is_atomic_names_the_caches_that_lose_updates(backend, atomic):
    assert counters.incr_is_atomic(backend) is atomic
