"""``djoser.compat``: where the active user model keeps its email address."""

from types import SimpleNamespace

from djoser.compat import get_user_email, get_user_email_field_name


def test_email_field_name_of_a_user_is_the_models_email_field(fields, user):
    assert get_user_email_field_name(user) == fields.email


def test_email_field_name_of_the_model_is_its_email_field(fields):
    assert get_user_email_field_name(fields.model) == fields.email


def test_user_email_is_the_value_of_the_email_field(fields, user):
    assert get_user_email(user) == getattr(user, fields.email)


def test_user_email_follows_a_changed_address(fields, user):
    setattr(user, fields.email, "changed@example.com")

    assert get_user_email(user) == "changed@example.com"


def test_user_email_is_none_when_the_field_is_missing():
    user_without_email = SimpleNamespace(get_email_field_name=lambda: "email")

    assert get_user_email(user_without_email) is None
