"""Names djoser 2.x projects' tests patch in djoser.social take effect.

djoser 2.x's view (GET) and serializer (POST) each imported
``load_strategy`` and ``load_backend`` from ``social_django.utils`` and
called them through their own module. Each test wraps the real function,
so the login still runs, and checks that the patched name was called.
"""

from unittest import mock

import pytest
from social_django import utils as social_utils

from tests.social.conftest import OIDC


@pytest.mark.parametrize("name", ["load_strategy", "load_backend"])
def test_get_loads_through_the_views_module(app_for, name):
    real = getattr(social_utils, name)
    with mock.patch(f"djoser.social.views.{name}", wraps=real) as patched:
        response = app_for(OIDC).start()

    assert response.status_code == 200
    assert patched.called


@pytest.mark.parametrize("name", ["load_strategy", "load_backend"])
def test_post_loads_through_the_serializers_module(app_for, name):
    app = app_for(OIDC)
    callback = app.callback()
    real = getattr(social_utils, name)
    with mock.patch(f"djoser.social.serializers.{name}", wraps=real) as patched:
        response = app.finish(callback)

    assert response.status_code == 201
    assert patched.called


def test_a_backend_patched_into_the_serializers_module_is_the_one_used(app_for):
    app = app_for(OIDC)
    callback = app.callback()
    refusal = mock.Mock(side_effect=RuntimeError("the patched loader"))
    with mock.patch("djoser.social.serializers.load_backend", refusal):
        with pytest.raises(RuntimeError, match="the patched loader"):
            app.finish(callback)
