"""Custom user models that the test suite swaps in through AUTH_USER_MODEL.

``EmailUser`` logs in with its email address. ``CustomUser`` renames every
field djoser cares about and adds a required field, so code that hardcodes
``username`` or ``email`` fails against it.
"""

from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    Group,
    Permission,
    PermissionsMixin,
)
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db import models
from django.utils import timezone


def permission_fields(prefix):
    """Group and permission relations with reverse names of their own.

    PermissionsMixin names the reverse relations ``user_set``; two models with
    those names clash with ``auth.User`` while it is the active user model.
    """
    groups = models.ManyToManyField(
        Group,
        blank=True,
        related_name=f"{prefix}_set",
        related_query_name=prefix,
    )
    user_permissions = models.ManyToManyField(
        Permission,
        blank=True,
        related_name=f"{prefix}_set",
        related_query_name=prefix,
    )
    return groups, user_permissions


class UserManager(BaseUserManager):
    """What both managers share: saving with a password, and superusers."""

    use_in_migrations = True

    def _create(self, password, **fields):
        user = self.model(**fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, *args, **extra_fields):
        # Arguments pass through untouched: createsuperuser names the
        # USERNAME_FIELD as a keyword, and each model calls it differently.
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(*args, **extra_fields)


class EmailUserManager(UserManager):
    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        return self._create(password, email=self.normalize_email(email), **extra_fields)


class EmailUser(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    groups, user_permissions = permission_fields("email_user")

    objects = EmailUserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    def __str__(self):
        return self.email


class CustomUserManager(UserManager):
    def create_user(self, custom_username, password=None, **extra_fields):
        if not custom_username:
            raise ValueError("A username is required.")
        if "custom_email" in extra_fields:
            extra_fields["custom_email"] = self.normalize_email(
                extra_fields["custom_email"]
            )
        return self._create(
            password,
            custom_username=self.model.normalize_username(custom_username),
            **extra_fields,
        )


class CustomUser(AbstractBaseUser, PermissionsMixin):
    custom_username = models.CharField(
        max_length=150,
        unique=True,
        validators=[UnicodeUsernameValidator()],
        error_messages={"unique": "A user with that username already exists."},
    )
    custom_email = models.EmailField(blank=True)
    custom_required_field = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    groups, user_permissions = permission_fields("custom_user")

    objects = CustomUserManager()

    USERNAME_FIELD = "custom_username"
    EMAIL_FIELD = "custom_email"
    REQUIRED_FIELDS = ["custom_email", "custom_required_field"]

    def __str__(self):
        return self.custom_username
