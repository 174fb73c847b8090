"""Build a ModelSerializer's fields once, not on every request.

``ModelSerializer.get_fields()`` inspects the model and builds every field
each time a serializer is created; on ``users/me/`` that was most of the
time spent beyond authentication. What it builds depends only on the
serializer class and its Meta options, which djoser reads from its settings,
so the result is kept per class until ``DJOSER`` or ``AUTH_USER_MODEL``
changes, and each serializer gets its own copies of the unbound fields.

A subclass whose Meta options, ``build_field`` or ``get_extra_kwargs`` answer
differently from one request to the next (from ``self.context``, say) must
not use this mixin.
"""

import copy

from django.core.signals import setting_changed
from rest_framework.serializers import BaseSerializer

_built = {}


class CachedModelFieldsMixin:
    def get_fields(self):
        serializer_class = type(self)
        built = _built.get(serializer_class)
        if built is None:
            fields = super().get_fields()
            built = [
                (name, field, _holds_fields(field)) for name, field in fields.items()
            ]
            built = _built.setdefault(serializer_class, built)
        return {
            name: copy.deepcopy(field) if nested else _unbound_copy(field)
            for name, field, nested in built
        }


def _holds_fields(field):
    """Whether ``field`` holds fields bound to itself (lists, relations, ...)."""
    return (
        isinstance(field, BaseSerializer)
        or hasattr(field, "child")
        or hasattr(field, "child_relation")
    )


def _unbound_copy(field):
    """A field to bind to one serializer, sharing nothing that binding sets.

    Binding only assigns attributes (name, parent, source), so a copy of the
    attribute dict will do; the validators and error messages it shares are
    never changed after the field is built. Fields that hold other fields
    bound to themselves are deep-copied instead, as DRF copies declared
    fields.
    """
    duplicate = object.__new__(type(field))
    duplicate.__dict__.update(field.__dict__)
    return duplicate


def clear_built_fields(*args, setting, **kwargs):
    if setting in ("DJOSER", "AUTH_USER_MODEL"):
        _built.clear()


setting_changed.connect(clear_built_fields)
