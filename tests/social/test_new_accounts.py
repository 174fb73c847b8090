"""Finding 2: the address a new account takes from a provider.

An address another account holds, in any case, is refused (password reset
would treat the two accounts as one address); an address the provider says
it did not verify is not stored (or, where the user model cannot do without
one, the login is refused).
"""

import pytest
from rest_framework.test import APIClient
from social_django.models import UserSocialAuth

from tests.social.conftest import OAUTH2, OIDC

IN_USE = {
    "non_field_errors": ["This identity or email address belongs to another account."]
}
UNVERIFIED = {
    "non_field_errors": [
        "The provider has not verified this email address; verify it there "
        "and sign in again."
    ]
}


@pytest.fixture
def login(app_for, provider, person):
    def sign_in(backend=OIDC, **claims):
        provider.signed_in = {**person, **claims}
        return app_for(backend, client=APIClient()).login()

    return sign_in


def users(fields):
    return fields.model._default_manager


@pytest.mark.provider_email
class TestAddressHeldByAnotherAccount:
    @pytest.mark.parametrize("variant", [str.lower, str.upper, str.title])
    def test_is_refused_in_any_case(self, login, make_user, fields, person, variant):
        existing = make_user(**{fields.email: person["email"]})

        response = login(email=variant(person["email"]), email_verified=True)

        assert response.status_code == 400
        assert response.data == IN_USE
        assert list(users(fields).all()) == [existing]
        assert not UserSocialAuth.objects.exists()

    def test_is_refused_from_a_provider_that_says_nothing_of_verification(
        self, login, make_user, fields, person
    ):
        existing = make_user(**{fields.email: person["email"].upper()})

        response = login(OAUTH2, email_verified=None)

        assert response.status_code == 400
        assert list(users(fields).all()) == [existing]


@pytest.mark.provider_email
class TestUnverifiedAddress:
    @pytest.mark.email_optional
    def test_is_not_stored_on_the_new_account(self, login, fields, person):

        response = login(email_verified=False)

        assert response.status_code == 201, response.data
        user = UserSocialAuth.objects.get(uid=person["sub"]).user
        assert getattr(user, fields.email) == ""

    @pytest.mark.email_required
    def test_refuses_the_login_where_accounts_need_an_address(self, login, fields):

        response = login(email_verified=False)

        assert response.status_code == 400
        assert response.data == UNVERIFIED
        assert not users(fields).exists()
        assert not UserSocialAuth.objects.exists()

    def test_held_by_another_account_makes_no_duplicate(
        self, login, make_user, fields, person
    ):
        existing = make_user(**{fields.email: person["email"]})

        login(email=person["email"].upper(), email_verified=False)

        holders = users(fields).filter(**{f"{fields.email}__iexact": person["email"]})
        assert list(holders) == [existing]


@pytest.mark.provider_email
def test_a_verified_new_address_is_stored_as_before(login, fields, person):
    response = login(email_verified=True)

    assert response.status_code == 201
    user = UserSocialAuth.objects.get(uid=person["sub"]).user
    assert getattr(user, fields.email) == person["email"]


@pytest.mark.provider_email
def test_an_address_without_a_claim_is_stored_as_before(login, fields, person):
    response = login(OAUTH2, email_verified=None)

    assert response.status_code == 201
    user = UserSocialAuth.objects.get(uid=person["sub"]).user
    assert getattr(user, fields.email) == person["email"]
