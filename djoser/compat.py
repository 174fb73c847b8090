def get_user_email_field_name(user):
    """Name of the field holding the address of ``user`` (a user or its class)."""
    return user.get_email_field_name()


def get_user_email(user):
    """The address of ``user``, or None when its model has no such field."""
    return getattr(user, get_user_email_field_name(user), None)
