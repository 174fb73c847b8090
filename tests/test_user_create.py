"""Registration: POST users/."""

import inspect
import json
import re

import pytest
from django.db import IntegrityError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from djoser import signals
from djoser.email import ActivationEmail, ConfirmationEmail
from djoser.serializers import UserCreateSerializer
from djoser.views import UserViewSet
from tests.conftest import PASSWORD
from tests.helpers import PASSWORD_MISMATCH
from tests.test_change_actions import fullwidth

URL = reverse("user-list")

# Adds a "serializer" key naming its class to what it outputs.
NAMED_CREATE_SERIALIZER = "tests.serializers_for_tests.NamedUserCreateSerializer"

VALIDATOR_PATH = "django.contrib.auth.password_validation."


def registration_data(fields, **overrides):
    return {**fields.values(), "password": PASSWORD, **overrides}


def user_count(fields):
    return fields.model._default_manager.count()


def created_user(fields, data):
    return fields.model._default_manager.get(**{fields.username: data[fields.username]})


def strict_create_user(fields):
    """A manager ``create_user`` taking the registration fields and no more.

    Its parameters are USERNAME_FIELD, ``password`` and the other fields as
    keywords, with no ``**extra_fields``: like such a function written out, it
    raises TypeError on any other keyword, ``is_active`` included.
    """
    parameter = inspect.Parameter
    others = dict.fromkeys(
        name for name in [fields.email, *fields.required] if name != fields.username
    )
    signature = inspect.Signature(
        [
            parameter("self", parameter.POSITIONAL_OR_KEYWORD),
            parameter(fields.username, parameter.POSITIONAL_OR_KEYWORD),
            parameter("password", parameter.POSITIONAL_OR_KEYWORD, default=None),
            *(parameter(name, parameter.KEYWORD_ONLY, default="") for name in others),
        ]
    )

    def create_user(*args, **kwargs):
        values = signature.bind(*args, **kwargs).arguments
        manager = values.pop("self")
        password = values.pop("password")
        user = manager.model(**values)
        user.set_password(password)
        user.save(using=manager._db)
        return user

    create_user.__signature__ = signature
    return create_user


def always_active(create_user):
    """A manager ``create_user`` that makes every new user active."""

    def create(self, *args, **extra_fields):
        return create_user(self, *args, **{**extra_fields, "is_active": True})

    return create


def user_table_statements(fields, queries, verb):
    """The captured SQL statements starting ``verb`` and the user table."""
    prefix = f"{verb} {connection.ops.quote_name(fields.model._meta.db_table)} "
    return [query["sql"] for query in queries if query["sql"].startswith(prefix)]


@pytest.fixture
def registrations(signal_calls):
    """The keyword arguments of every ``user_registered`` sent during a test."""
    return signal_calls(signals.user_registered)


class TestSuccess:
    def test_answers_201_with_the_user_fields_and_id(self, db, api_client, fields):
        data = registration_data(fields)

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 201
        user = created_user(fields, data)
        expected = {name: data[name] for name in [fields.username, *fields.required]}
        assert response.data == {**expected, fields.id: user.pk}

    def test_response_never_contains_the_password(self, db, api_client, fields):
        response = api_client.post(URL, registration_data(fields), format="json")

        assert response.status_code == 201
        assert "password" not in response.data
        assert PASSWORD not in response.content.decode()

    def test_stores_the_password_hashed(self, db, api_client, fields):
        data = registration_data(fields)

        api_client.post(URL, data, format="json")

        user = created_user(fields, data)
        assert user.password != PASSWORD
        assert user.password.startswith("md5$")
        assert user.check_password(PASSWORD)

    def test_user_is_active_and_no_mail_is_sent_by_default(
        self, db, api_client, fields, mailoutbox
    ):
        data = registration_data(fields)

        api_client.post(URL, data, format="json")

        assert created_user(fields, data).is_active
        assert mailoutbox == []

    def test_sends_user_registered_once_after_saving(
        self, db, api_client, fields, registrations
    ):
        saved_when_sent = []
        data = registration_data(fields)

        def check_saved(sender, user, **kwargs):
            saved_when_sent.append(
                fields.model._default_manager.filter(pk=user.pk).exists()
            )

        signals.user_registered.connect(check_saved)
        try:
            api_client.post(URL, data, format="json")
        finally:
            signals.user_registered.disconnect(check_saved)

        assert len(registrations) == 1
        call = registrations[0]
        assert call["sender"] is UserViewSet
        assert call["user"] == created_user(fields, data)
        assert call["request"].method == "POST"
        assert call["request"].path == URL
        assert saved_when_sent == [True]

    def test_rejected_registration_sends_no_signal(
        self, db, api_client, fields, registrations
    ):
        data = registration_data(fields, password="")

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert registrations == []


class TestPasswordValidators:
    @pytest.mark.parametrize(
        ("validator", "password", "message"),
        [
            (
                "MinimumLengthValidator",
                "k3y!",
                "This password is too short. It must contain at least 8 characters.",
            ),
            ("CommonPasswordValidator", "qwertyuiop", "This password is too common."),
            (
                "NumericPasswordValidator",
                "8305719264",
                "This password is entirely numeric.",
            ),
        ],
    )
    def test_a_failing_validator_answers_400_under_password(
        self, db, api_client, fields, settings, validator, password, message
    ):
        settings.AUTH_PASSWORD_VALIDATORS = [{"NAME": VALIDATOR_PATH + validator}]

        response = api_client.post(
            URL, registration_data(fields, password=password), format="json"
        )

        assert response.status_code == 400
        assert response.json() == {"password": [message]}
        assert user_count(fields) == 0

    def test_similarity_is_checked_against_the_unsaved_user(
        self, db, api_client, fields, settings
    ):
        settings.AUTH_PASSWORD_VALIDATORS = [
            {
                "NAME": VALIDATOR_PATH + "UserAttributeSimilarityValidator",
                "OPTIONS": {"user_attributes": [fields.username]},
            }
        ]
        data = fields.values()
        data["password"] = data[fields.username]

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        [error] = response.json()["password"]
        assert error.startswith("The password is too similar to the ")
        assert user_count(fields) == 0

    def test_every_failing_validator_is_reported(
        self, db, api_client, fields, settings
    ):
        settings.AUTH_PASSWORD_VALIDATORS = [
            {"NAME": VALIDATOR_PATH + "MinimumLengthValidator"},
            {"NAME": VALIDATOR_PATH + "NumericPasswordValidator"},
        ]

        response = api_client.post(
            URL, registration_data(fields, password="1234"), format="json"
        )

        assert response.status_code == 400
        assert len(response.json()["password"]) == 2

    def test_a_password_passing_the_validators_is_accepted(
        self, db, api_client, fields, settings
    ):
        settings.AUTH_PASSWORD_VALIDATORS = [
            {"NAME": VALIDATOR_PATH + name}
            for name in [
                "MinimumLengthValidator",
                "CommonPasswordValidator",
                "NumericPasswordValidator",
            ]
        ]

        response = api_client.post(URL, registration_data(fields), format="json")

        assert response.status_code == 201

    @pytest.mark.parametrize(
        ("validator", "password", "code"),
        [
            ("MinimumLengthValidator", "k3y!", "password_too_short"),
            ("CommonPasswordValidator", "qwertyuiop", "password_too_common"),
            ("NumericPasswordValidator", "8305719264", "password_entirely_numeric"),
        ],
    )
    def test_the_serializer_keeps_the_validator_error_codes(
        self, db, fields, settings, validator, password, code
    ):
        settings.AUTH_PASSWORD_VALIDATORS = [{"NAME": VALIDATOR_PATH + validator}]
        serializer = UserCreateSerializer(
            data=registration_data(fields, password=password)
        )

        assert not serializer.is_valid()
        assert [error.code for error in serializer.errors["password"]] == [code]


class TestDuplicates:
    def test_taken_username_answers_400_under_the_username_field(
        self, api_client, fields, user
    ):
        data = registration_data(fields)
        data[fields.username] = getattr(user, fields.username)

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert list(response.json()) == [fields.username]
        assert user_count(fields) == 1

    @pytest.mark.parametrize(
        "look_alike",
        [
            pytest.param(str.swapcase, id="other-case"),
            # A fullwidth email address is refused as invalid before this.
            pytest.param(
                fullwidth, id="fullwidth", marks=pytest.mark.username_not_email
            ),
        ],
    )
    def test_a_look_alike_of_a_taken_username_answers_the_already_exists_error(
        self, api_client, fields, user, look_alike
    ):
        # Both names would share one login counter, and set_username refuses it.
        taken = getattr(user, fields.username)
        exact = api_client.post(
            URL, registration_data(fields, **{fields.username: taken}), format="json"
        )
        data = registration_data(fields, **{fields.username: look_alike(taken)})

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert response.json() == exact.json()
        assert user_count(fields) == 1

    def test_a_look_alike_of_a_taken_login_field_answers_400(
        self, api_client, fields, user, djoser_settings
    ):
        djoser_settings(LOGIN_FIELD=fields.email)
        data = registration_data(fields)
        data[fields.email] = getattr(user, fields.email).upper()

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        [message] = response.json()[fields.email]
        assert message.endswith("already exists.")
        assert user_count(fields) == 1

    def test_integrity_error_answers_400_and_saves_nothing(
        self, db, api_client, fields, monkeypatch, registrations, mailoutbox
    ):
        manager = fields.model._default_manager
        real_create_user = manager.create_user

        def create_then_collide(*args, **kwargs):
            real_create_user(*args, **kwargs)
            raise IntegrityError("duplicate key value violates unique constraint")

        monkeypatch.setattr(manager, "create_user", create_then_collide)

        response = api_client.post(URL, registration_data(fields), format="json")

        assert response.status_code == 400
        assert response.json() == ["Unable to create account."]
        assert user_count(fields) == 0
        assert registrations == []
        assert mailoutbox == []


class TestPasswordRetype:
    def test_matching_re_password_registers(
        self, db, api_client, fields, djoser_settings
    ):
        djoser_settings(USER_CREATE_PASSWORD_RETYPE=True)
        data = registration_data(fields, re_password=PASSWORD)

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 201
        assert "re_password" not in response.data
        assert created_user(fields, data).check_password(PASSWORD)

    def test_missing_re_password_answers_400(
        self, db, api_client, fields, djoser_settings
    ):
        djoser_settings(USER_CREATE_PASSWORD_RETYPE=True)

        response = api_client.post(URL, registration_data(fields), format="json")

        assert response.status_code == 400
        assert response.json() == {"re_password": ["This field is required."]}
        assert user_count(fields) == 0

    def test_mismatched_re_password_answers_400(
        self, db, api_client, fields, djoser_settings
    ):
        djoser_settings(USER_CREATE_PASSWORD_RETYPE=True)
        data = registration_data(fields, re_password=PASSWORD + "x")

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert response.json() == {"non_field_errors": [PASSWORD_MISMATCH]}
        assert user_count(fields) == 0

    def test_re_password_is_ignored_when_the_setting_is_off(
        self, db, api_client, fields
    ):
        data = registration_data(fields, re_password="something else entirely")

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 201
        assert created_user(fields, data).check_password(PASSWORD)


class TestLoginFieldOtherThanUsernameField:
    """LOGIN_FIELD set to the email: create_user() still needs USERNAME_FIELD."""

    @pytest.fixture(autouse=True)
    def login_by_email(self, djoser_settings, fields):
        djoser_settings(LOGIN_FIELD=fields.email)

    def test_registration_with_every_field_answers_201(self, db, api_client, fields):
        data = registration_data(fields)

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 201
        assert created_user(fields, data).check_password(PASSWORD)

    def test_registration_without_the_username_field_answers_400_naming_it(
        self, db, api_client, fields
    ):
        data = registration_data(fields)
        del data[fields.username]

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert response.json()[fields.username] == ["This field is required."]
        assert user_count(fields) == 0

    # An account registered without its login could never sign in.
    def test_registration_without_the_login_field_answers_400_naming_it(
        self, db, api_client, fields
    ):
        data = registration_data(fields)
        del data[fields.email]

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert response.json()[fields.email] == ["This field is required."]
        assert user_count(fields) == 0

    @pytest.mark.parametrize(
        "value, message",
        [("", "This field may not be blank."), (None, "This field may not be null.")],
    )
    def test_registration_with_an_empty_login_field_answers_400_naming_it(
        self, db, api_client, fields, value, message
    ):
        data = registration_data(fields, **{fields.email: value})

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert response.json()[fields.email] == [message]
        assert user_count(fields) == 0

    def test_the_registered_account_logs_in_by_the_login_field(
        self, db, api_client, fields, settings
    ):
        settings.AUTHENTICATION_BACKENDS = ["djoser.auth_backends.LoginFieldBackend"]
        data = registration_data(fields)
        assert api_client.post(URL, data, format="json").status_code == 201

        body = {fields.email: data[fields.email], "password": PASSWORD}
        response = api_client.post(reverse("login"), body, format="json")

        assert response.status_code == 200


class TestEmails:
    @pytest.fixture
    def activation_on(self, djoser_settings):
        djoser_settings(
            SEND_ACTIVATION_EMAIL=True, ACTIVATION_URL="activate/{uid}/{token}"
        )

    def test_activation_on_registers_an_inactive_user(
        self, db, api_client, fields, activation_on
    ):
        data = registration_data(fields)

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 201
        assert not created_user(fields, data).is_active

    def test_activation_on_with_a_strict_create_user_registers_an_inactive_user(
        self, db, api_client, fields, activation_on, monkeypatch
    ):
        manager_class = type(fields.model._default_manager)
        monkeypatch.setattr(manager_class, "create_user", strict_create_user(fields))
        data = registration_data(fields)

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 201
        assert not created_user(fields, data).is_active

    def test_activation_on_registers_an_inactive_user_whatever_the_manager_sets(
        self, db, api_client, fields, activation_on, monkeypatch
    ):
        manager_class = type(fields.model._default_manager)
        create_user = always_active(manager_class.create_user)
        monkeypatch.setattr(manager_class, "create_user", create_user)
        data = registration_data(fields)

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 201
        assert not created_user(fields, data).is_active

    def test_activation_on_saves_the_user_with_one_insert_and_no_update(
        self, db, api_client, fields, activation_on
    ):
        with CaptureQueriesContext(connection) as captured:
            response = api_client.post(URL, registration_data(fields), format="json")

        assert response.status_code == 201
        queries = captured.captured_queries
        assert len(user_table_statements(fields, queries, "INSERT INTO")) == 1
        assert user_table_statements(fields, queries, "UPDATE") == []

    def test_activation_on_sends_one_activation_email_to_the_user(
        self, db, api_client, fields, activation_on, mailoutbox
    ):
        data = registration_data(fields)

        api_client.post(URL, data, format="json")

        [message] = mailoutbox
        assert isinstance(message, ActivationEmail)
        assert message.to == [data[fields.email]]

    def test_the_activation_link_activates_the_user(
        self, db, api_client, fields, activation_on, mailoutbox
    ):
        data = registration_data(fields)
        api_client.post(URL, data, format="json")
        uid, token = re.search(
            r"/activate/([\w-]+)/([\w-]+)", mailoutbox[0].body
        ).groups()

        response = api_client.post(
            reverse("user-activation"), {"uid": uid, "token": token}, format="json"
        )

        assert response.status_code == 204
        assert created_user(fields, data).is_active

    def test_activation_wins_over_confirmation_at_registration(
        self, db, api_client, fields, djoser_settings, mailoutbox
    ):
        djoser_settings(SEND_ACTIVATION_EMAIL=True, SEND_CONFIRMATION_EMAIL=True)

        api_client.post(URL, registration_data(fields), format="json")

        assert [type(message) for message in mailoutbox] == [ActivationEmail]

    def test_confirmation_on_sends_one_confirmation_email_to_an_active_user(
        self, db, api_client, fields, djoser_settings, mailoutbox
    ):
        djoser_settings(SEND_CONFIRMATION_EMAIL=True)
        data = registration_data(fields)

        api_client.post(URL, data, format="json")

        [message] = mailoutbox
        assert isinstance(message, ConfirmationEmail)
        assert message.to == [data[fields.email]]
        assert created_user(fields, data).is_active

    def test_registering_without_an_address_sends_no_mail(
        self, db, api_client, fields, djoser_settings, mailoutbox
    ):
        djoser_settings(SEND_CONFIRMATION_EMAIL=True)
        data = registration_data(fields, **{fields.email: ""})

        response = api_client.post(URL, data, format="json")

        assert mailoutbox == []
        if fields.email == fields.username:
            # The address is the login: it cannot be left out.
            assert response.status_code == 400
            assert user_count(fields) == 0
        else:
            assert response.status_code == 201
            assert created_user(fields, data).is_active


class TestCsrf:
    def test_api_client_enforcing_csrf_can_register(self, db, fields):
        client = APIClient(enforce_csrf_checks=True)

        response = client.post(URL, registration_data(fields), format="json")

        assert response.status_code == 201

    def test_plain_client_without_csrf_cookie_can_register(self, db, fields):
        client = Client(enforce_csrf_checks=True)

        response = client.post(
            URL,
            json.dumps(registration_data(fields)),
            content_type="application/json",
        )

        assert response.status_code == 201
        assert user_count(fields) == 1


class TestSerializerSetting:
    def test_overriding_user_create_applies_to_the_next_request(
        self, db, api_client, fields, djoser_settings
    ):
        before = api_client.post(URL, registration_data(fields), format="json")
        djoser_settings(SERIALIZERS={"user_create": NAMED_CREATE_SERIALIZER})

        after = api_client.post(URL, registration_data(fields), format="json")

        assert "serializer" not in before.data
        assert after.status_code == 201
        assert after.data["serializer"] == "NamedUserCreateSerializer"

    def test_overriding_one_serializer_keeps_the_others(
        self, user_client, djoser_settings
    ):
        djoser_settings(SERIALIZERS={"user_create": NAMED_CREATE_SERIALIZER})

        response = user_client.get(reverse("user-me"))

        assert response.status_code == 200
        assert "serializer" not in response.data


class TestBadInput:
    def test_malformed_json_answers_400_and_creates_nothing(
        self, db, api_client, fields
    ):
        response = api_client.post(URL, b'{"a":', content_type="application/json")

        assert response.status_code == 400
        assert response.json()["detail"].startswith("JSON parse error")
        assert user_count(fields) == 0

    def test_empty_body_answers_400_with_every_required_field(
        self, db, api_client, fields
    ):
        response = api_client.post(URL, {}, format="json")

        assert response.status_code == 400
        assert {fields.username, "password"} <= set(response.json())
        assert user_count(fields) == 0

    @pytest.mark.parametrize("field", ["username", "password"])
    @pytest.mark.parametrize("value", [["person"], {"name": "person"}, True, None])
    def test_a_non_string_value_answers_400(self, db, api_client, fields, field, value):
        name = fields.username if field == "username" else field
        data = registration_data(fields, **{name: value})

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert list(response.json()) == [name]
        assert user_count(fields) == 0

    @pytest.mark.parametrize("field", ["username", "password"])
    def test_a_nul_character_answers_400(self, db, api_client, fields, field):
        name = fields.username if field == "username" else field
        data = registration_data(fields)
        data[name] = "per\x00" + data[name]

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert list(response.json()) == [name]
        assert "Null characters are not allowed." in response.json()[name]
        assert user_count(fields) == 0

    @pytest.mark.parametrize("role", ["username", "email"])
    def test_a_10000_character_value_answers_400(self, db, api_client, fields, role):
        name = getattr(fields, role)
        data = registration_data(fields)
        data[name] = "a" * 10_000 + data[name]
        max_length = fields.model._meta.get_field(name).max_length

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert (
            f"Ensure this field has no more than {max_length} characters."
            in response.json()[name]
        )
        assert user_count(fields) == 0

    def test_emoji_in_the_username_answers_400(self, db, api_client, fields):
        data = registration_data(fields)
        data[fields.username] = "\N{GRINNING FACE}" + data[fields.username]

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 400
        assert list(response.json()) == [fields.username]
        assert user_count(fields) == 0

    def test_non_ascii_username_accepted_by_the_model_registers(
        self, db, api_client, fields
    ):
        data = registration_data(fields)
        if fields.username == fields.email:
            data[fields.username] = "zoe@bücher.example"
        else:
            data[fields.username] = "Zoë.Øster-ñ"

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 201
        assert response.data[fields.username] == data[fields.username]
        assert created_user(fields, data).check_password(PASSWORD)

    def test_non_ascii_password_is_stored_and_checked(self, db, api_client, fields):
        password = "pässwörd-ñ-\N{SNOWMAN}-42"
        data = registration_data(fields, password=password)

        response = api_client.post(URL, data, format="json")

        assert response.status_code == 201
        assert created_user(fields, data).check_password(password)
