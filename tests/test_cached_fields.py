"""Model serializer fields built once and copied per serializer."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from djoser.cached_fields import CachedModelFieldsMixin
from djoser.serializers import UserSerializer


class CountingSerializer(CachedModelFieldsMixin, serializers.ModelSerializer):
    """Counts how often DRF builds a field from the model."""

    builds = 0
    tags = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        model = get_user_model()
        fields = (get_user_model().USERNAME_FIELD, "tags")

    def build_field(self, *args, **kwargs):
        type(self).builds += 1
        return super().build_field(*args, **kwargs)


def test_model_fields_are_built_once_for_many_serializers():
    CountingSerializer.builds = 0
    for _ in range(3):
        assert set(CountingSerializer().fields) == set(CountingSerializer.Meta.fields)
    assert CountingSerializer.builds == 1


def test_each_serializer_binds_fields_of_its_own():
    first, second = UserSerializer(), UserSerializer()
    login = get_user_model().USERNAME_FIELD
    assert first.fields[login] is not second.fields[login]
    assert first.fields[login].parent is first
    assert second.fields[login].parent is second


def test_a_nested_field_is_bound_to_its_own_copy():
    first, second = CountingSerializer(), CountingSerializer()
    assert first.fields["tags"].child is not second.fields["tags"].child
    assert second.fields["tags"].child.parent is second.fields["tags"]


def test_a_djoser_settings_change_rebuilds_the_fields(djoser_settings, fields):
    assert fields.id in UserSerializer().fields
    djoser_settings(USER_ID_FIELD=fields.username)
    assert fields.id not in UserSerializer().fields


def test_serialized_user_matches_the_model(user, fields):
    data = UserSerializer(user).data
    assert data[fields.username] == getattr(user, fields.username)
    assert data[fields.id] == user.pk
