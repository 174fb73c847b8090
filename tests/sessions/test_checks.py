"""System checks of djoser.sessions' settings and of what works against them."""

from datetime import timedelta

import pytest
from django.core import checks
from django.urls import path

from djoser.sessions.checks import SESSION_AUTHENTICATION

JWT_AUTHENTICATION = "rest_framework_simplejwt.authentication.JWTAuthentication"


def check_ids(deploy=False):
    return {
        message.id
        for message in checks.run_checks(include_deployment_checks=deploy)
        if message.id.startswith("djoser.")
    }


@pytest.fixture
def authentication(settings):
    def apply(*paths):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_AUTHENTICATION_CLASSES": paths,
        }

    return apply


class TestSettings:
    @pytest.mark.parametrize(
        "changes",
        [
            {"ENABLED": "yes"},
            {"REUSE_GRACE_PERIOD": 10},
            {"REUSE_GRACE_PERIOD": timedelta(seconds=-1)},
            {"CLIENT_ADDRESS": "half"},
            {"LAST_USED_INTERVAL": None},
            {"GRACE": timedelta(seconds=5)},
        ],
    )
    def test_a_bad_value_or_an_unknown_key_is_an_error(self, sessions_on, changes):
        sessions_on(**changes)

        assert "djoser.E902" in check_ids()

    def test_the_defaults_pass(self, sessions_on):
        assert "djoser.E902" not in check_ids()


class TestAuthentication:
    def test_simplejwts_authentication_before_ours_is_an_error(
        self, sessions_on, authentication
    ):
        authentication(JWT_AUTHENTICATION, SESSION_AUTHENTICATION)

        assert "djoser.E903" in check_ids()

    def test_ours_first_is_fine(self, sessions_on, authentication):
        authentication(SESSION_AUTHENTICATION, JWT_AUTHENTICATION)

        assert "djoser.E903" not in check_ids()

    def test_without_ours_a_deployment_is_warned(self, sessions_on, authentication):
        authentication(JWT_AUTHENTICATION)

        assert "djoser.W901" in check_ids(deploy=True)

    def test_with_ours_a_deployment_is_not_warned(self, sessions_on, authentication):
        authentication(SESSION_AUTHENTICATION)

        assert "djoser.W901" not in check_ids(deploy=True)

    def test_ours_without_the_app_is_an_error(self, settings, authentication):
        authentication(SESSION_AUTHENTICATION)
        settings.INSTALLED_APPS = [
            app for app in settings.INSTALLED_APPS if app != "djoser.sessions"
        ]

        assert "djoser.E905" in check_ids()


class TestRotation:
    def test_sessions_without_rotation_warn_a_deployment(self, sessions_on, settings):
        settings.SIMPLE_JWT = {"ROTATE_REFRESH_TOKENS": False}

        assert "djoser.W902" in check_ids(deploy=True)

    def test_sessions_with_rotation_do_not(self, sessions_on):
        assert "djoser.W902" not in check_ids(deploy=True)

    @pytest.mark.parametrize(
        ("installed", "expected"),
        [(True, False), (False, True)],
    )
    def test_rotation_that_blacklists_needs_the_blacklist_app(
        self, db, settings, installed, expected
    ):
        settings.SIMPLE_JWT = {
            "ROTATE_REFRESH_TOKENS": True,
            "BLACKLIST_AFTER_ROTATION": True,
        }
        if not installed:
            settings.INSTALLED_APPS = [
                app
                for app in settings.INSTALLED_APPS
                if app != "rest_framework_simplejwt.token_blacklist"
            ]

        assert ("djoser.E412" in check_ids()) is expected

    def test_sessions_rotate_without_the_blacklist_app(self, sessions_on, settings):
        settings.SIMPLE_JWT = {
            "ROTATE_REFRESH_TOKENS": True,
            "BLACKLIST_AFTER_ROTATION": True,
        }
        settings.INSTALLED_APPS = [
            app
            for app in settings.INSTALLED_APPS
            if app != "rest_framework_simplejwt.token_blacklist"
        ]

        assert "djoser.E412" not in check_ids()


class TestMountedViews:
    def test_simplejwts_own_refresh_view_is_an_error(self, sessions_on, settings):
        from rest_framework_simplejwt.views import TokenRefreshView

        settings.ROOT_URLCONF = type(
            "urls",
            (),
            {"urlpatterns": [path("refresh/", TokenRefreshView.as_view())]},
        )

        assert "djoser.E904" in check_ids()

    def test_djosers_views_are_fine(self, sessions_on):
        assert "djoser.E904" not in check_ids()

    def test_jwt_without_sessions_warns_a_deployment(self, db):
        assert "djoser.W903" in check_ids(deploy=True)

    def test_jwt_with_sessions_does_not(self, sessions_on):
        assert "djoser.W903" not in check_ids(deploy=True)

    def test_the_sessions_urls_without_the_app_are_an_error(self, settings):
        settings.INSTALLED_APPS = [
            app for app in settings.INSTALLED_APPS if app != "djoser.sessions"
        ]
        import importlib

        import djoser.sessions.urls

        importlib.reload(djoser.sessions.urls)
        try:
            settings.ROOT_URLCONF = type(
                "urls", (), {"urlpatterns": djoser.sessions.urls.urlpatterns}
            )
            assert "djoser.E901" in check_ids()
        finally:
            settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "djoser.sessions"]
            importlib.reload(djoser.sessions.urls)
