"""djoser's settings object (SPEC §3): defaults, merging, imports, reloads."""

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from django.urls import reverse
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, BasePermission, IsAdminUser

from djoser import conf
from djoser.conf import default_settings, reload_djoser_settings, settings
from djoser.constants import Messages
from djoser.email import ActivationEmail
from djoser.permissions import CurrentUserOrAdmin
from djoser.serializers import UserCreateSerializer, UserSerializer
from djoser.views import TokenCreateView, TokenDestroyView, UserViewSet

IMPORTED_KEYS = {"TOKEN_MODEL", "SOCIAL_AUTH_TOKEN_STRATEGY"}


class ProjectUserSerializer(UserSerializer):
    pass


class ProjectMessages(Messages):
    pass


class DenyAll(BasePermission):
    def has_permission(self, request, view):
        return False


@pytest.fixture
def without_djoser_setting(settings):
    """Remove the test project's DJOSER setting for one test.

    Deleting a setting sends no ``setting_changed``, so djoser's settings are
    rebuilt by hand. The DJOSER override made first is undone last, and its
    signal rebuilds them from the project's dict again after the test.
    """
    settings.DJOSER = django_settings.DJOSER
    del settings.DJOSER
    reload_djoser_settings(setting="DJOSER", value=None)


class TestDefaults:
    @pytest.mark.parametrize(
        "key", sorted(set(default_settings) - IMPORTED_KEYS), ids=str
    )
    def test_without_a_djoser_setting_every_key_has_its_default(
        self, without_djoser_setting, key
    ):
        assert getattr(settings, key) == default_settings[key]

    def test_without_a_djoser_setting_the_url_formats_are_unset(
        self, without_djoser_setting
    ):
        assert settings.ACTIVATION_URL is None
        assert settings.PASSWORD_RESET_CONFIRM_URL is None
        assert settings.USERNAME_RESET_CONFIRM_URL is None

    def test_token_model_defaults_to_the_authtoken_token(self, without_djoser_setting):
        assert settings.TOKEN_MODEL is Token

    def test_social_auth_token_strategy_defaults_to_the_jwt_strategy_path(self):
        assert (
            default_settings["SOCIAL_AUTH_TOKEN_STRATEGY"]
            == "djoser.social.token.jwt.TokenStrategy"
        )

    def test_user_id_field_defaults_to_the_primary_key_name(
        self, without_djoser_setting, fields
    ):
        assert settings.USER_ID_FIELD == fields.id

    def test_login_field_defaults_to_the_username_field(
        self, without_djoser_setting, fields
    ):
        assert settings.LOGIN_FIELD == fields.username

    def test_login_field_follows_a_change_of_user_model(self, settings, fields):
        other_model = (
            "testapp.EmailUser"
            if fields.model._meta.label != "testapp.EmailUser"
            else "testapp.CustomUser"
        )
        other_username_field = {
            "testapp.EmailUser": "email",
            "testapp.CustomUser": "custom_username",
        }[other_model]

        settings.AUTH_USER_MODEL = other_model

        assert conf.settings.LOGIN_FIELD == other_username_field

    @pytest.mark.parametrize(
        "key, value",
        [
            ("SEND_ACTIVATION_EMAIL", False),
            ("SEND_CONFIRMATION_EMAIL", False),
            ("USER_CREATE_PASSWORD_RETYPE", False),
            ("SET_PASSWORD_RETYPE", False),
            ("PASSWORD_RESET_CONFIRM_RETYPE", False),
            ("SET_USERNAME_RETYPE", False),
            ("USERNAME_RESET_CONFIRM_RETYPE", False),
            ("PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND", False),
            ("USERNAME_RESET_SHOW_EMAIL_NOT_FOUND", False),
            ("PASSWORD_CHANGED_EMAIL_CONFIRMATION", False),
            ("USERNAME_CHANGED_EMAIL_CONFIRMATION", False),
            ("LOGOUT_ON_PASSWORD_CHANGE", False),
            ("CREATE_SESSION_ON_LOGIN", False),
            ("HIDE_USERS", True),
            ("TOKEN_MODEL", "rest_framework.authtoken.models.Token"),
            ("EMAIL_FRONTEND_DOMAIN", None),
            ("EMAIL_FRONTEND_PROTOCOL", None),
            ("EMAIL_FRONTEND_SITE_NAME", None),
            ("SOCIAL_AUTH_ALLOWED_REDIRECT_URIS", []),
            ("CONSTANTS", {"messages": "djoser.constants.Messages"}),
        ],
    )
    def test_default_value_is_the_documented_one(self, key, value):
        assert default_settings[key] == value

    def test_serializers_default_has_the_documented_keys(self):
        assert set(default_settings["SERIALIZERS"]) == {
            "activation",
            "password_reset",
            "password_reset_confirm",
            "password_reset_confirm_retype",
            "set_password",
            "set_password_retype",
            "set_username",
            "set_username_retype",
            "username_reset",
            "username_reset_confirm",
            "username_reset_confirm_retype",
            "user_create",
            "user_create_password_retype",
            "user_delete",
            "user",
            "current_user",
            "token",
            "token_create",
            "provider_auth",
            "provider_token",
            "email_change",
            "email_change_confirm",
            "email_change_undo",
            "not_me",
            "login_code_request",
            "login_code_resend",
            "login_code_confirm",
            "activation_code",
            "password_reset_code",
            "password_reset_code_retype",
        }

    def test_current_user_serializer_defaults_to_the_user_serializer(self):
        assert settings.SERIALIZERS.current_user is UserSerializer

    def test_provider_auth_serializer_defaults_to_the_social_serializer_path(self):
        assert (
            default_settings["SERIALIZERS"]["provider_auth"]
            == "djoser.social.serializers.ProviderAuthSerializer"
        )

    def test_email_default_has_the_documented_keys(self):
        assert set(default_settings["EMAIL"]) == {
            "activation",
            "confirmation",
            "password_reset",
            "password_changed_confirmation",
            "username_changed_confirmation",
            "username_reset",
            "email_change",
            "email_changed_notice",
            "email_change_address_in_use",
            "email_change_undone",
            "authenticator_removed",
            "passkey_added_notice",
            "social_connected_notice",
            "social_disconnected_notice",
            "passkey_removed_notice",
            "refresh_reuse_notice",
            "new_device_notice",
            "login_limit_notice",
            "mfa_enabled",
            "mfa_disabled",
            "mfa_recovery_codes_generated",
            "mfa_recovery_code_used",
            "login_code",
            "activation_code",
            "password_reset_code",
        }

    def test_user_list_permission_defaults_to_current_user_or_admin(self):
        assert settings.PERMISSIONS.user_list == [CurrentUserOrAdmin]

    def test_webauthn_defaults(self):
        webauthn = default_settings["WEBAUTHN"]

        assert webauthn["RP_ID"] == "localhost"
        assert webauthn["ORIGIN"] == "http://localhost:8000"
        assert webauthn["CHALLENGE_LENGTH"] == 32
        assert webauthn["UKEY_LENGTH"] == 20
        assert {"RP_NAME", "SIGNUP_SERIALIZER", "LOGIN_SERIALIZER"} <= set(webauthn)


@pytest.mark.parametrize(
    "setting, key, value",
    [
        ("SERIALIZERS", "user", "tests.test_conf.ProjectUserSerializer"),
        ("EMAIL", "activation", "tests.test_conf.ProjectActivationEmail"),
        ("PERMISSIONS", "user", ["rest_framework.permissions.IsAdminUser"]),
        ("CONSTANTS", "extra", "tests.test_conf.ProjectMessages"),
        ("WEBAUTHN", "RP_ID", "example.com"),
    ],
)
class TestDictSettingsMergeKeyByKey:
    def test_the_overridden_key_takes_the_new_value(
        self, djoser_settings, setting, key, value
    ):
        djoser_settings(**{setting: {key: value}})

        assert getattr(settings, setting)[key] == value

    def test_the_other_keys_keep_their_defaults(
        self, djoser_settings, setting, key, value
    ):
        djoser_settings(**{setting: {key: value}})

        merged = getattr(settings, setting)
        for other_key, default in default_settings[setting].items():
            if other_key != key:
                assert merged[other_key] == default


class ProjectActivationEmail(ActivationEmail):
    pass


class TestImports:
    def test_attribute_access_imports_a_serializer_class(self):
        assert settings.SERIALIZERS.user is UserSerializer

    def test_attribute_access_imports_each_permission_of_a_list(self):
        assert settings.PERMISSIONS.user == [CurrentUserOrAdmin]

    def test_attribute_access_imports_an_email_class(self):
        assert settings.EMAIL.activation is ActivationEmail

    def test_attribute_access_imports_the_messages_class(self):
        assert settings.CONSTANTS.messages is Messages

    def test_item_access_returns_the_configured_path(self):
        assert settings.SERIALIZERS["user"] == "djoser.serializers.UserSerializer"

    def test_item_access_returns_the_configured_list_of_paths(self):
        assert settings.PERMISSIONS["user_delete"] == [
            "djoser.permissions.CurrentUserOrAdmin"
        ]

    def test_overridden_path_is_imported(self, djoser_settings):
        djoser_settings(SERIALIZERS={"user": "tests.test_conf.ProjectUserSerializer"})

        assert settings.SERIALIZERS.user is ProjectUserSerializer
        assert settings.SERIALIZERS.user_create is UserCreateSerializer

    def test_a_class_given_instead_of_a_path_is_used_as_is(self, djoser_settings):
        djoser_settings(
            SERIALIZERS={"user": ProjectUserSerializer},
            CONSTANTS={"messages": ProjectMessages},
        )

        assert settings.SERIALIZERS.user is ProjectUserSerializer
        assert settings.CONSTANTS.messages is ProjectMessages

    def test_a_permission_list_may_mix_classes_and_paths(self, djoser_settings):
        djoser_settings(
            PERMISSIONS={"user": [AllowAny, "rest_framework.permissions.IsAdminUser"]}
        )

        assert settings.PERMISSIONS.user == [AllowAny, IsAdminUser]

    def test_token_model_none_reads_none(self, djoser_settings):
        djoser_settings(TOKEN_MODEL=None)

        assert settings.TOKEN_MODEL is None

    def test_a_path_is_imported_once_per_settings(self, djoser_settings, monkeypatch):
        djoser_settings(SERIALIZERS={"user": "tests.test_conf.ProjectUserSerializer"})
        imported = []
        monkeypatch.setattr(
            conf, "import_string", lambda path: imported.append(path) or UserSerializer
        )

        first = settings.SERIALIZERS.user
        assert settings.SERIALIZERS.user is first
        assert settings.PERMISSIONS.user == settings.PERMISSIONS.user
        assert imported == [
            "tests.test_conf.ProjectUserSerializer",
            "djoser.permissions.CurrentUserOrAdmin",
        ]

    def test_a_changed_item_is_imported_again(self, djoser_settings):
        djoser_settings(SERIALIZERS={}, PERMISSIONS={})
        assert settings.SERIALIZERS.user is UserSerializer

        settings.SERIALIZERS["user"] = "tests.test_conf.ProjectUserSerializer"
        settings.PERMISSIONS["user"] = [*settings.PERMISSIONS["user"], DenyAll]

        assert settings.SERIALIZERS.user is ProjectUserSerializer
        assert settings.PERMISSIONS.user == [CurrentUserOrAdmin, DenyAll]

    def test_extending_an_imported_list_leaves_the_setting_alone(self):
        settings.PERMISSIONS.user.append(DenyAll)

        assert settings.PERMISSIONS.user == [CurrentUserOrAdmin]

    def test_webauthn_plain_keys_read_back_as_configured(self):
        assert settings.WEBAUTHN.RP_ID == "localhost"
        assert settings.WEBAUTHN.ORIGIN == "http://localhost:8000"
        assert settings.WEBAUTHN.CHALLENGE_LENGTH == 32

    def test_webauthn_overridden_plain_key_reads_back_as_a_string(
        self, djoser_settings
    ):
        djoser_settings(WEBAUTHN={"RP_ID": "auth.example.com"})

        assert settings.WEBAUTHN.RP_ID == "auth.example.com"


class TestUnknownNames:
    def test_an_unknown_setting_raises_attribute_error(self):
        with pytest.raises(AttributeError):
            settings.NOT_A_DJOSER_SETTING  # noqa: B018

    def test_an_unknown_dict_key_raises_attribute_error(self):
        with pytest.raises(AttributeError):
            settings.SERIALIZERS.not_a_serializer  # noqa: B018


class TestReload:
    def test_override_settings_takes_effect(self):
        with override_settings(DJOSER={"HIDE_USERS": False}):
            assert settings.HIDE_USERS is False

    def test_override_settings_is_undone_on_exit(self):
        project_activation_url = django_settings.DJOSER["ACTIVATION_URL"]

        with override_settings(DJOSER={"HIDE_USERS": False}):
            pass

        assert settings.HIDE_USERS is True
        assert settings.ACTIVATION_URL == project_activation_url

    def test_settings_fixture_takes_effect(self, settings):
        settings.DJOSER = {"SEND_ACTIVATION_EMAIL": True}

        assert conf.settings.SEND_ACTIVATION_EMAIL is True
        assert conf.settings.ACTIVATION_URL is None

    def test_reload_rebuilds_from_the_given_value(self):
        try:
            reload_djoser_settings(setting="DJOSER", value={"HIDE_USERS": False})

            assert settings.HIDE_USERS is False
        finally:
            reload_djoser_settings(setting="DJOSER", value=django_settings.DJOSER)

    def test_reload_ignores_other_settings(self):
        reload_djoser_settings(setting="DEBUG", value={"HIDE_USERS": False})

        assert settings.HIDE_USERS is True

    def test_an_override_applies_to_the_next_request(
        self, user_client, djoser_settings
    ):
        assert user_client.get(reverse("user-me")).status_code == 200

        djoser_settings(PERMISSIONS={"user": [DenyAll]})

        assert user_client.get(reverse("user-me")).status_code == 403


def test_project_serializer_override_is_used_by_the_view(user_client, djoser_settings):
    class Greeting(UserSerializer):
        greeting = serializers.SerializerMethodField()

        class Meta(UserSerializer.Meta):
            fields = ("greeting",)

        def get_greeting(self, user):
            return f"hello {user.pk}"

    djoser_settings(SERIALIZERS={"current_user": Greeting})

    response = user_client.get(reverse("user-me"))

    assert response.data == {"greeting": f"hello {user_client.token.user_id}"}


# View class attributes that hold a setting: (view, attribute, setting, key).
VIEW_ATTRIBUTES = [
    (UserViewSet, "serializer_class", "SERIALIZERS", "user"),
    (UserViewSet, "permission_classes", "PERMISSIONS", "user"),
    (TokenCreateView, "serializer_class", "SERIALIZERS", "token_create"),
    (TokenCreateView, "permission_classes", "PERMISSIONS", "token_create"),
    (TokenDestroyView, "permission_classes", "PERMISSIONS", "token_destroy"),
]

# A value of each kind, to change the settings to.
REPLACEMENTS = {"SERIALIZERS": ProjectUserSerializer, "PERMISSIONS": [DenyAll]}


@pytest.mark.parametrize(
    ("view", "attribute", "setting", "key"),
    VIEW_ATTRIBUTES,
    ids=[f"{view.__name__}.{attribute}" for view, attribute, *_ in VIEW_ATTRIBUTES],
)
class TestViewAttributes:
    """As in djoser 2.x, the views' class attributes hold the settings' values."""

    def test_attribute_is_the_setting(self, view, attribute, setting, key):
        assert getattr(view, attribute) == getattr(getattr(settings, setting), key)

    def test_attribute_follows_a_changed_setting(
        self, view, attribute, setting, key, djoser_settings
    ):
        djoser_settings(**{setting: {key: REPLACEMENTS[setting]}})

        assert getattr(view, attribute) == REPLACEMENTS[setting]
