"""System checks djoser.W101 and W102: rate limits need a cache that counts."""

import pytest
from django.core import checks

from djoser.checks import check_throttle_cache
from djoser.conf import settings as djoser_settings_object


@pytest.fixture(autouse=True)
def _login_limit(djoser_settings):
    """Whatever the defaults, the checks here run with one limit set."""
    djoser_settings(THROTTLE_RATES={"token_create": "10/hour"})


@pytest.fixture
def default_cache(settings):
    """``default_cache(backend)``: make ``backend`` the default cache."""

    def use(backend, **options):
        settings.CACHES = {"default": {"BACKEND": backend, **options}}

    return use


@pytest.mark.parametrize(
    "backend,location",
    [
        ("django.core.cache.backends.db.DatabaseCache", "cache_table"),
        ("django.core.cache.backends.filebased.FileBasedCache", "/tmp/djoser-checks"),
    ],
    ids=["database", "file"],
)
def test_a_cache_whose_incr_is_not_atomic_is_a_warning(
    default_cache, backend, location
):
    default_cache(backend, LOCATION=location)

    [warning] = check_throttle_cache()

    assert warning.id == "djoser.W101"
    assert "not atomic" in warning.msg
    assert "token_create" in warning.msg
    assert "Redis or Memcached" in warning.hint


def test_the_dummy_cache_is_a_warning_that_nothing_is_limited(default_cache):
    default_cache("django.core.cache.backends.dummy.DummyCache")

    [warning] = check_throttle_cache()

    assert warning.id == "djoser.W102"
    assert "nothing is limited" in warning.msg


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.redis.RedisCache",
    ],
)
def test_a_cache_that_counts_atomically_passes(default_cache, backend):
    default_cache(backend, LOCATION="redis://127.0.0.1:1/0")

    assert check_throttle_cache() == []


def test_without_limits_any_cache_passes(default_cache, djoser_settings):
    default_cache("django.core.cache.backends.db.DatabaseCache", LOCATION="t")
    djoser_settings(THROTTLE_RATES=dict.fromkeys(djoser_settings_object.THROTTLE_RATES))

    assert check_throttle_cache() == []


def test_the_check_runs_with_manage_py_check(default_cache):
    default_cache("django.core.cache.backends.dummy.DummyCache")

    ids = [message.id for message in checks.run_checks(tags=[checks.Tags.caches])]

    assert "djoser.W102" in ids
