"""Object rules of ``CurrentUserOrAdmin`` and ``CurrentUserOrAdminOrReadOnly``."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.utils.functional import SimpleLazyObject
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework_simplejwt.models import TokenUser
from rest_framework_simplejwt.tokens import AccessToken

from djoser.permissions import CurrentUserOrAdmin, CurrentUserOrAdminOrReadOnly

SAFE_METHODS = ["GET", "HEAD", "OPTIONS"]
UNSAFE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]


def request_by(user, method="GET"):
    request = Request(APIRequestFactory().generic(method, "/"))
    request.user = user
    return request


def allows(permission_class, user, obj, method="GET"):
    request = request_by(user, method)
    permission = permission_class()
    return permission.has_permission(request, None) and (
        permission.has_object_permission(request, None, obj)
    )


@pytest.mark.parametrize(
    "permission_class", [CurrentUserOrAdmin, CurrentUserOrAdminOrReadOnly]
)
class TestBothPermissions:
    def test_anonymous_user_is_refused(self, permission_class):
        permission = permission_class()

        assert not permission.has_permission(request_by(AnonymousUser()), None)

    def test_signed_in_user_passes_the_view_check(self, permission_class, user):
        assert permission_class().has_permission(request_by(user), None)

    @pytest.mark.parametrize("method", SAFE_METHODS + UNSAFE_METHODS)
    def test_user_may_act_on_their_own_account(self, permission_class, user, method):
        assert allows(permission_class, user, user, method)

    @pytest.mark.parametrize("method", SAFE_METHODS + UNSAFE_METHODS)
    def test_staff_may_act_on_any_account(
        self, permission_class, staff_user, user, method
    ):
        assert allows(permission_class, staff_user, user, method)

    @pytest.mark.parametrize("method", UNSAFE_METHODS)
    def test_user_may_not_change_another_account(
        self, permission_class, user, other_user, method
    ):
        assert not allows(permission_class, user, other_user, method)

    def test_another_object_sharing_the_users_pk_is_not_the_user(
        self, permission_class, user
    ):
        group = Group.objects.create(pk=user.pk, name="same pk")

        assert not allows(permission_class, user, group, "PATCH")

    @pytest.mark.parametrize("method", UNSAFE_METHODS)
    def test_staff_may_not_change_a_superuser(
        self, permission_class, staff_user, make_user, method
    ):
        superuser = make_user(is_staff=True, is_superuser=True)

        assert not allows(permission_class, staff_user, superuser, method)

    @pytest.mark.parametrize("method", SAFE_METHODS)
    def test_staff_may_read_a_superuser(
        self, permission_class, staff_user, make_user, method
    ):
        superuser = make_user(is_staff=True, is_superuser=True)

        assert allows(permission_class, staff_user, superuser, method)

    @pytest.mark.parametrize("method", UNSAFE_METHODS)
    def test_a_superuser_may_change_another(self, permission_class, make_user, method):
        superuser, other = (make_user(is_staff=True, is_superuser=True) for _ in "ab")

        assert allows(permission_class, superuser, other, method)


class TestCurrentUserOrAdmin:
    @pytest.mark.parametrize("method", SAFE_METHODS)
    def test_user_may_not_read_another_account(self, user, other_user, method):
        assert not allows(CurrentUserOrAdmin, user, other_user, method)


class TestCurrentUserOrAdminOrReadOnly:
    @pytest.mark.parametrize("method", SAFE_METHODS)
    def test_user_may_read_another_account(self, user, other_user, method):
        assert allows(CurrentUserOrAdminOrReadOnly, user, other_user, method)


def session_user(user):
    """The user as a session login hands it over: inside a SimpleLazyObject."""
    return SimpleLazyObject(lambda: user)


def stateless_jwt_user(user):
    """The user as simplejwt's JWTStatelessUserAuthentication hands it over."""
    return TokenUser(AccessToken.for_user(user))


@pytest.mark.parametrize(
    "permission_class", [CurrentUserOrAdmin, CurrentUserOrAdminOrReadOnly]
)
@pytest.mark.parametrize(
    "signed_in_as", [session_user, stateless_jwt_user], ids=["session", "stateless-jwt"]
)
class TestUserStandIns:
    """request.user need not be an instance of the user model to be the user."""

    @pytest.mark.parametrize("method", SAFE_METHODS + UNSAFE_METHODS)
    def test_user_may_act_on_their_own_account(
        self, permission_class, signed_in_as, user, method
    ):
        assert allows(permission_class, signed_in_as(user), user, method)

    @pytest.mark.parametrize("method", UNSAFE_METHODS)
    def test_user_may_not_change_another_account(
        self, permission_class, signed_in_as, user, other_user, method
    ):
        assert not allows(permission_class, signed_in_as(user), other_user, method)

    def test_another_object_sharing_the_users_pk_is_not_the_user(
        self, permission_class, signed_in_as, user
    ):
        group = Group.objects.create(pk=user.pk, name="same pk")

        assert not allows(permission_class, signed_in_as(user), group, "PATCH")
