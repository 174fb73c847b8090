"""Finding 1: a provider account joins an existing account by its address
only when the provider verified it and is trusted for it.

social-core's ``associate_by_email`` believes any address: with it, a new
provider identity claiming ``alice@example.com`` with ``email_verified:
false`` used to sign in as Alice. djoser's guards refuse that link whatever
the pipeline; djoser's own step links when it may.
"""

import pytest
from rest_framework.test import APIClient
from social_core.pipeline import DEFAULT_AUTH_PIPELINE
from social_django.models import UserSocialAuth

from djoser.social.pipeline import SOCIAL_CORE_ASSOCIATE_BY_EMAIL, STEP
from tests.social.conftest import OIDC

IN_USE = {
    "non_field_errors": ["This identity or email address belongs to another account."]
}
DISABLED = {"non_field_errors": ["User account is disabled."]}


def pipeline_with(step):
    pipeline = list(DEFAULT_AUTH_PIPELINE)
    pipeline.insert(pipeline.index("social_core.pipeline.user.create_user"), step)
    return pipeline


@pytest.fixture
def alice(make_user, fields, person):
    """An account made by signing up, whose address the provider will claim."""
    return make_user(**{fields.email: person["email"]})


@pytest.fixture
def login(app_for, provider, person):
    """Sign in at the provider as ``person`` with ``claims`` changed."""

    def sign_in(**claims):
        provider.signed_in = {**person, **claims}
        return app_for(OIDC, client=APIClient()).login()

    return sign_in


def assert_refused_or_new(response, existing, settings):
    """A clash with the address is refused; without it, a new account is made."""
    if "email" in settings.SOCIAL_AUTH_USER_FIELDS:
        assert response.status_code == 400
        assert response.data == IN_USE
    else:
        assert response.status_code == 201
        assert response.data["user"] != str(existing)


def links_of(user):
    return UserSocialAuth.objects.filter(user_id=user.pk)


class TestSocialCoresAssociateByEmail:
    @pytest.fixture(autouse=True)
    def pipeline(self, settings):
        settings.SOCIAL_AUTH_PIPELINE = pipeline_with(SOCIAL_CORE_ASSOCIATE_BY_EMAIL)

    def test_an_unverified_address_no_longer_signs_in_to_its_account(
        self, login, alice
    ):
        response = login(email_verified=False)

        assert response.status_code == 400
        assert response.data == IN_USE
        assert not links_of(alice).exists()

    def test_a_verified_address_of_an_untrusted_provider_does_not_either(
        self, login, alice
    ):
        response = login(email_verified=True)

        assert response.status_code == 400
        assert not links_of(alice).exists()

    def test_a_verified_address_of_a_trusted_provider_links(
        self, login, alice, djoser_settings
    ):
        djoser_settings(SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS={OIDC: "*"})

        response = login(email_verified=True)

        assert response.status_code == 201, response.data
        assert response.data["user"] == str(alice)


class TestVerifiedEmailStep:
    @pytest.fixture(autouse=True)
    def pipeline(self, settings, djoser_settings):
        settings.SOCIAL_AUTH_PIPELINE = pipeline_with(STEP)
        djoser_settings(SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS={OIDC: ["example.com"]})

    def test_a_verified_address_of_a_trusted_provider_signs_in_to_its_account(
        self, login, alice
    ):
        response = login(email_verified=True)

        assert response.status_code == 201, response.data
        assert response.data["user"] == str(alice)
        assert links_of(alice).count() == 1

    def test_the_address_matches_in_any_case(self, login, alice, person):
        response = login(email=person["email"].upper(), email_verified=True)

        assert response.status_code == 201, response.data
        assert response.data["user"] == str(alice)

    def test_apples_string_claim_counts(self, login, alice):
        response = login(email_verified="true")

        assert response.status_code == 201, response.data
        assert response.data["user"] == str(alice)

    @pytest.mark.parametrize("claim", [False, "false", None, "yes", 1])
    def test_an_address_not_said_to_be_verified_never_links(self, login, alice, claim):
        response = login(email_verified=claim)

        assert not links_of(alice).exists()
        if response.status_code == 201:
            assert response.data["user"] != str(alice)

    def test_a_provider_not_trusted_for_the_domain_does_not_link(
        self, login, alice, djoser_settings, settings
    ):
        djoser_settings(SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS={OIDC: ["corp.example"]})

        response = login(email_verified=True)

        assert not links_of(alice).exists()
        assert_refused_or_new(response, alice, settings)

    def test_another_provider_is_not_trusted(
        self, login, alice, djoser_settings, settings
    ):
        djoser_settings(SOCIAL_AUTH_TRUSTED_EMAIL_PROVIDERS=["google-oauth2"])

        response = login(email_verified=True)

        assert not links_of(alice).exists()
        assert_refused_or_new(response, alice, settings)

    def test_a_disabled_account_is_refused_and_nothing_is_linked(self, login, alice):
        alice.is_active = False
        alice.save()

        response = login(email_verified=True)

        assert response.status_code == 400
        assert response.data == DISABLED
        assert not UserSocialAuth.objects.exists()

    @pytest.mark.email_not_unique
    def test_an_address_two_accounts_hold_links_to_neither(
        self, login, alice, make_user, fields, person
    ):
        twin = make_user(**{fields.email: person["email"].upper()})

        response = login(email_verified=True)

        assert response.status_code == 400
        assert not UserSocialAuth.objects.filter(user_id__in=[alice.pk, twin.pk])
