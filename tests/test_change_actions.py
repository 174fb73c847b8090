"""What the actions that change a password or login name have in common.

users/set_password/, users/reset_password_confirm/, users/set_<USERNAME_FIELD>/
and users/reset_<USERNAME_FIELD>_confirm/ share their serializers' rules, so
each test here runs for every action its class names; the test id is the
action (``-k set_username`` selects one). What only one action does is in its
own module.
"""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from djoser.compat import get_user_email
from tests.helpers import INVALID_PASSWORD, invalid_name, stored

EVERY_ACTION = [
    "set_password",
    "reset_password_confirm",
    "set_username",
    "reset_username_confirm",
]


def fullwidth(text):
    """``text`` with its ASCII letters, digits and signs in fullwidth forms."""
    return "".join(
        chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text
    )


def token_login(credentials):
    return APIClient().post(reverse("login"), credentials, format="json")


@pytest.mark.parametrize("flow", EVERY_ACTION, indirect=True)
class TestEveryAction:
    def test_answers_204_with_an_empty_body(self, flow):
        response = flow.post()

        assert response.status_code == 204
        assert response.content == b""

    def test_stores_the_new_value(self, flow):
        flow.post()

        assert flow.has_new_value()

    def test_the_user_logs_in_with_the_new_value(self, flow):
        flow.post()

        response = token_login(flow.new_login)

        assert response.status_code == 200
        assert "auth_token" in response.json()

    def test_the_old_value_no_longer_logs_in(self, flow):
        flow.post()

        assert token_login(flow.old_login).status_code == 400

    def test_without_the_new_value_answers_400_naming_it(self, flow):
        before = stored(flow.user)

        response = flow.post(omit=[flow.field])

        assert response.status_code == 400
        assert list(response.json()) == [flow.field]
        assert stored(flow.user) == before

    def test_sends_no_email_by_default(self, flow, mailoutbox):
        flow.post()

        assert mailoutbox == []

    def test_emails_the_user_when_the_confirmation_setting_is_on(
        self, flow, mailoutbox, djoser_settings
    ):
        djoser_settings(**{flow.email_setting: True})

        flow.post()

        flow.user.refresh_from_db()
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [get_user_email(flow.user)]

    def test_ignores_the_retype_field_when_retype_is_off(self, flow):
        response = flow.post(**{flow.retype_field: "something-else-entirely"})

        assert response.status_code == 204
        assert flow.has_new_value()


@pytest.mark.parametrize("flow", EVERY_ACTION, indirect=True)
class TestRetype:
    @pytest.fixture(autouse=True)
    def retype_on(self, flow, djoser_settings):
        djoser_settings(**{flow.retype_setting: True})

    def test_matching_retype_answers_204_and_stores_the_value(self, flow):
        response = flow.post(**{flow.retype_field: flow.value})

        assert response.status_code == 204
        assert flow.has_new_value()

    def test_mismatched_retype_answers_400_and_changes_nothing(self, flow):
        before = stored(flow.user)

        response = flow.post(**{flow.retype_field: flow.other_value})

        assert response.status_code == 400
        assert response.json() == {"non_field_errors": [flow.mismatch]}
        assert stored(flow.user) == before

    def test_missing_retype_answers_400_naming_it(self, flow):
        before = stored(flow.user)

        response = flow.post()

        assert response.status_code == 400
        assert list(response.json()) == [flow.retype_field]
        assert stored(flow.user) == before


@pytest.mark.parametrize("flow", ["set_password", "set_username"], indirect=True)
class TestCurrentPassword:
    """The signed-in actions ask for the current password."""

    def test_anonymous_request_answers_401_and_changes_nothing(self, flow):
        before = stored(flow.user)

        response = APIClient().post(flow.url, flow.data, format="json")

        assert response.status_code == 401
        assert stored(flow.user) == before

    def test_wrong_current_password_answers_400_and_changes_nothing(
        self, flow, mailoutbox, djoser_settings
    ):
        djoser_settings(**{flow.email_setting: True})
        before = stored(flow.user)

        response = flow.post(current_password="not-the-password")

        assert response.status_code == 400
        assert response.json() == {"current_password": [INVALID_PASSWORD]}
        assert stored(flow.user) == before
        assert mailoutbox == []

    def test_without_current_password_answers_400_naming_it(self, flow):
        before = stored(flow.user)

        response = flow.post(omit=["current_password"])

        assert response.status_code == 400
        assert list(response.json()) == ["current_password"]
        assert stored(flow.user) == before


@pytest.fixture
def strict_validators(settings, fields):
    settings.AUTH_PASSWORD_VALIDATORS = [
        {
            "NAME": "django.contrib.auth.password_validation."
            "UserAttributeSimilarityValidator",
            "OPTIONS": {"user_attributes": [fields.username]},
        },
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 12},
        },
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ]


def validator_messages(password, user):
    """What Django's configured validators say about ``password`` for ``user``."""
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    return error.value.messages


@pytest.mark.usefixtures("strict_validators")
@pytest.mark.parametrize(
    "flow", ["set_password", "reset_password_confirm"], indirect=True
)
class TestNewPasswordValidation:
    @pytest.mark.parametrize(
        "new_password",
        [
            pytest.param("short", id="too-short"),
            pytest.param("123456789012345", id="numeric"),
            pytest.param("1234", id="short-and-numeric"),
        ],
    )
    def test_reports_validator_messages_under_new_password(self, flow, new_password):
        before = stored(flow.user)

        response = flow.post(new_password=new_password)

        assert response.status_code == 400
        assert response.json() == {
            "new_password": validator_messages(new_password, flow.user)
        }
        assert stored(flow.user) == before

    def test_runs_validators_against_the_users_own_attributes(self, flow, fields):
        # Too similar to this user's own login name, and to nobody else's.
        new_password = getattr(flow.user, fields.username)
        before = stored(flow.user)

        response = flow.post(new_password=new_password)

        assert response.status_code == 400
        assert response.json() == {
            "new_password": validator_messages(new_password, flow.user)
        }
        assert stored(flow.user) == before


@pytest.mark.parametrize(
    "flow", ["set_username", "reset_username_confirm"], indirect=True
)
class TestNewLoginNameValidation:
    def test_the_current_name_answers_400(self, flow, fields):
        before = stored(flow.user)

        response = flow.post(**{flow.field: getattr(flow.user, fields.username)})

        assert response.status_code == 400
        assert list(response.json()) == [flow.field]
        assert stored(flow.user) == before

    def test_the_current_value_of_a_non_unique_login_field_answers_400(
        self, flow, fields, djoser_settings
    ):
        # Django's and CustomUser's email fields are not unique; EmailUser's is.
        djoser_settings(LOGIN_FIELD=fields.email)
        new_field = f"new_{fields.email}"
        body = {key: value for key, value in flow.data.items() if key != flow.field}
        body[new_field] = get_user_email(flow.user)
        before = stored(flow.user)

        response = flow.client.post(flow.url, body, format="json")

        assert response.status_code == 400
        assert list(response.json()) == [new_field]
        assert stored(flow.user) == before

    def test_another_users_name_answers_400(self, flow, fields, other_user):
        before, others_before = stored(flow.user), stored(other_user)

        response = flow.post(**{flow.field: getattr(other_user, fields.username)})

        assert response.status_code == 400
        assert list(response.json()) == [flow.field]
        assert stored(flow.user) == before
        assert stored(other_user) == others_before

    @pytest.mark.parametrize(
        "look_alike", [str.swapcase, fullwidth], ids=["other-case", "fullwidth"]
    )
    def test_a_look_alike_of_another_users_name_answers_the_already_exists_error(
        self, flow, fields, other_user, look_alike
    ):
        taken = getattr(other_user, fields.username)
        exact = flow.post(**{flow.field: taken})
        before, others_before = stored(flow.user), stored(other_user)

        response = flow.post(**{flow.field: look_alike(taken)})

        assert response.status_code == 400
        assert response.json() == exact.json()
        assert stored(flow.user) == before
        assert stored(other_user) == others_before

    def test_another_users_address_as_a_non_unique_login_field_answers_400(
        self, flow, fields, other_user, djoser_settings
    ):
        djoser_settings(LOGIN_FIELD=fields.email)
        new_field = f"new_{fields.email}"
        body = {key: value for key, value in flow.data.items() if key != flow.field}
        body[new_field] = get_user_email(other_user).upper()
        before = stored(flow.user)

        response = flow.client.post(flow.url, body, format="json")

        assert response.status_code == 400
        [message] = response.json()[new_field]
        assert message.endswith("already exists.")
        assert stored(flow.user) == before

    def test_a_fullwidth_name_is_stored_normalised(self, flow):
        response = flow.post(**{flow.field: fullwidth(flow.value)})

        assert response.status_code == 204
        assert flow.has_new_value()

    @pytest.mark.parametrize("kind", ["too-long", "bad-characters"])
    def test_an_invalid_name_answers_400_without_mail(
        self, flow, fields, kind, mailoutbox, djoser_settings
    ):
        djoser_settings(**{flow.email_setting: True})
        before = stored(flow.user)

        response = flow.post(**{flow.field: invalid_name(fields, kind)})

        assert response.status_code == 400
        assert list(response.json()) == [flow.field]
        assert stored(flow.user) == before
        assert mailoutbox == []

    @pytest.mark.parametrize("value", ["", None, ["a"], {"a": "b"}])
    def test_a_value_of_wrong_type_answers_400(self, flow, value):
        before = stored(flow.user)

        response = flow.post(**{flow.field: value})

        assert response.status_code == 400
        assert list(response.json()) == [flow.field]
        assert stored(flow.user) == before
