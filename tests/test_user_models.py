"""The test user models' managers work the way Django's commands call them."""

from tests.conftest import PASSWORD


def test_create_superuser_takes_the_username_field_as_a_keyword(db, fields):
    # createsuperuser passes USERNAME_FIELD and REQUIRED_FIELDS by name.
    values = fields.values()

    user = fields.model._default_manager.create_superuser(password=PASSWORD, **values)

    assert getattr(user, fields.username) == values[fields.username]
    assert user.is_staff and user.is_superuser
    assert user.check_password(PASSWORD)
