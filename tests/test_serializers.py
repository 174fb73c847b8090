"""Serializer classes keep djoser 2.x's inheritance, Meta included.

A project (or its tests) that changes a parent serializer's ``Meta`` sees
the change in the subclasses djoser 2.x derives from it without a Meta of
their own.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from djoser import serializers

# Models of the test app, with a field that can serve as LOGIN_FIELD.
OTHER_MODELS = [
    ("testapp.CustomUser", "custom_username"),
    ("testapp.EmailUser", "email"),
]


def other_model():
    """A model other than the active user model, and its login field."""
    for label, login_field in OTHER_MODELS:
        model = apps.get_model(label)
        if model is not get_user_model():
            return model, login_field
    raise AssertionError("every candidate is the active user model")


@pytest.mark.parametrize(
    "parent,child",
    [
        ("UserSerializer", "CurrentUserSerializer"),
        ("UserCreateSerializer", "UserCreatePasswordRetypeSerializer"),
        ("UsernameSerializer", "UsernameRetypeSerializer"),
        ("UsernameSerializer", "UsernameResetConfirmSerializer"),
        ("UsernameSerializer", "UsernameResetConfirmRetypeSerializer"),
        ("SetUsernameSerializer", "SetUsernameRetypeSerializer"),
    ],
)
def test_subclass_without_a_meta_in_djoser_2_uses_its_parents(parent, child):
    assert getattr(serializers, child).Meta is getattr(serializers, parent).Meta


def test_set_username_retype_follows_a_change_to_set_username_fields(
    monkeypatch, fields
):
    meta = serializers.SetUsernameSerializer.Meta
    monkeypatch.setattr(
        meta, "fields", (fields.username, "current_password", fields.id)
    )

    retype = serializers.SetUsernameRetypeSerializer()

    assert fields.id in retype.fields
    assert f"re_new_{fields.username}" in retype.fields


def test_set_username_retype_follows_a_change_to_set_username_model(
    monkeypatch, djoser_settings
):
    model, login_field = other_model()
    djoser_settings(LOGIN_FIELD=login_field)
    meta = serializers.SetUsernameSerializer.Meta
    monkeypatch.setattr(meta, "model", model)
    monkeypatch.setattr(meta, "fields", (login_field, "current_password"))

    retype = serializers.SetUsernameRetypeSerializer()

    assert set(retype.fields) == {
        f"new_{login_field}",
        f"re_new_{login_field}",
        "current_password",
    }


def test_set_username_retype_is_a_set_username_serializer():
    assert issubclass(
        serializers.SetUsernameRetypeSerializer, serializers.SetUsernameSerializer
    )


def test_set_username_meta_reads_login_field_at_request_time(djoser_settings, fields):
    djoser_settings(LOGIN_FIELD=fields.id)

    retype = serializers.SetUsernameRetypeSerializer()

    assert {f"new_{fields.id}", f"re_new_{fields.id}"} <= set(retype.fields)


def test_username_reset_confirm_keeps_the_link_fields_beside_its_parents_meta():
    confirm = serializers.UsernameResetConfirmRetypeSerializer()

    assert {"uid", "token"} <= set(confirm.fields)
