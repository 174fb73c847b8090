"""``social/accounts/``: the provider accounts linked to the signed-in user.

GET lists them, POST links one more (the proof a login would send, and the
password where the account has one), DELETE unlinks one unless it is the
account's last way to sign in.
"""

import time

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from social_django.models import UserSocialAuth

from djoser.compat import get_user_email
from djoser.social import id_tokens
from djoser.webauthn.models import Passkey
from tests.conftest import PASSWORD
from tests.social.conftest import BACKENDS, OIDC, SinglePageApp
from tests.social.provider import CLIENT_ID

GOOGLE = "google-oauth2"
LIST = reverse("social-account-list")
# A bare list, as deleting the last passkey answers.
LAST_WAY_IN = [
    "This is the account's only way to sign in: set a password or add a "
    "passkey or another provider first."
]


def detail(link):
    return reverse("social-account-detail", kwargs={"pk": link.pk})


def link(user, provider=OIDC, uid=None):
    uid = uid or f"{provider}-{user.pk}-{UserSocialAuth.objects.count()}"
    return UserSocialAuth.objects.create(user=user, provider=provider, uid=uid)


@pytest.fixture
def passwordless(make_user):
    """An account that signs in only through providers."""
    user = make_user()
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def native(provider, settings, djoser_settings):
    settings.AUTHENTICATION_BACKENDS = [
        "social_core.backends.google.GoogleOAuth2",
        *BACKENDS,
    ]
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_USE_UNIQUE_USER_ID = True
    djoser_settings(
        SOCIAL_AUTH_TOKEN_LOGIN={
            GOOGLE: {
                "CLIENT_IDS": [CLIENT_ID],
                "ISSUERS": [provider.issuer],
                "JWKS_URL": provider.url("jwks"),
            }
        }
    )
    id_tokens.key_sets.clear()
    yield provider
    id_tokens.key_sets.clear()


@pytest.fixture
def id_token(native, person):
    now = int(time.time())
    claims = {"iss": native.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 600}
    return native.sign({**claims, **person})


class TestList:
    def test_lists_the_users_own_links(self, user_client, user, other_user):
        mine = [link(user), link(user, GOOGLE)]
        link(other_user)

        response = user_client.get(LIST)

        assert response.status_code == 200
        assert [item["id"] for item in response.data] == [item.pk for item in mine]
        assert set(response.data[0]) == {"id", "provider", "uid", "created", "modified"}
        assert response.data[1]["provider"] == GOOGLE

    def test_needs_a_signed_in_user(self, api_client):
        assert api_client.get(LIST).status_code == 401

    def test_another_users_link_is_a_404(self, user_client, other_user):
        theirs = link(other_user)

        assert user_client.get(detail(theirs)).status_code == 404
        assert user_client.delete(detail(theirs)).status_code == 404
        assert UserSocialAuth.objects.filter(pk=theirs.pk).exists()

    @pytest.mark.parametrize(
        "pk", ["2147483648", "99999999999999999999", "-1", "abc", "١"]
    )
    def test_an_id_no_link_can_have_is_not_found(self, user_client, pk):
        assert user_client.get(f"/auth/social/accounts/{pk}/").status_code == 404
        assert user_client.delete(f"/auth/social/accounts/{pk}/").status_code == 404


class TestDisconnect:
    def test_an_account_with_a_password_may_unlink_its_only_provider(
        self, user_client, user
    ):
        only = link(user)

        response = user_client.delete(detail(only))

        assert response.status_code == 204
        assert not UserSocialAuth.objects.filter(pk=only.pk).exists()

    def test_the_last_way_in_is_refused(self, client_for, passwordless):
        only = link(passwordless)

        response = client_for(passwordless).delete(detail(only))

        assert response.status_code == 400
        assert response.data == LAST_WAY_IN
        assert UserSocialAuth.objects.filter(pk=only.pk).exists()

    def test_one_of_two_links_may_go_but_not_the_second(self, client_for, passwordless):
        first, second = link(passwordless), link(passwordless, GOOGLE)
        client = client_for(passwordless)

        assert client.delete(detail(first)).status_code == 204
        assert client.delete(detail(second)).status_code == 400
        assert list(UserSocialAuth.objects.all()) == [second]

    def test_a_passkey_is_a_way_in(self, client_for, passwordless):
        only = link(passwordless)
        Passkey.objects.create(
            user=passwordless, name="phone", credential_id="cred", public_key=b"k"
        )

        assert client_for(passwordless).delete(detail(only)).status_code == 204


class TestConnectWithAToken:
    def test_links_the_provider_account_to_the_signed_in_user(
        self, user_client, user, id_token, person
    ):
        response = user_client.post(
            LIST,
            {"provider": GOOGLE, "id_token": id_token, "current_password": PASSWORD},
            format="json",
        )

        assert response.status_code == 201, response.data
        social = UserSocialAuth.objects.get()
        assert (social.user_id, social.provider, social.uid) == (
            user.pk,
            GOOGLE,
            person["sub"],
        )
        assert response.data["id"] == social.pk
        assert user_client.get(LIST).data[0]["uid"] == person["sub"]

    def test_the_provider_account_then_signs_in_to_the_user(
        self, user_client, user, id_token, native
    ):
        user_client.post(
            LIST,
            {"provider": GOOGLE, "id_token": id_token, "current_password": PASSWORD},
            format="json",
        )

        response = APIClient().post(
            reverse("provider-token", kwargs={"provider": GOOGLE}),
            {"id_token": id_token},
            format="json",
        )

        assert response.status_code == 201
        assert response.data["user"] == str(user)

    def test_without_a_proof_asks_for_reauthentication(self, user_client, id_token):
        response = user_client.post(
            LIST, {"provider": GOOGLE, "id_token": id_token}, format="json"
        )

        assert response.status_code == 401
        assert response.data["reauthentication_required"] is True
        assert response["WWW-Authenticate"] == "Reauthenticate"
        assert not UserSocialAuth.objects.exists()

    def test_a_wrong_current_password_answers_400(self, user_client, id_token):
        body = {
            "provider": GOOGLE,
            "id_token": id_token,
            "current_password": "wrong-password",
        }

        response = user_client.post(LIST, body, format="json")

        assert response.status_code == 400
        assert "current_password" in response.data
        assert not UserSocialAuth.objects.exists()

    def test_a_fresh_reauthentication_stands_for_the_password(
        self, user_client, id_token
    ):
        reauthenticated = user_client.post(
            reverse("reauthenticate"), {"current_password": PASSWORD}, format="json"
        )

        response = user_client.post(
            LIST, {"provider": GOOGLE, "id_token": id_token}, format="json"
        )

        assert reauthenticated.status_code == 200, reauthenticated.data
        assert response.status_code == 201, response.data
        assert UserSocialAuth.objects.count() == 1

    def test_an_account_without_a_password_is_asked_to_sign_in_again(
        self, client_for, passwordless, id_token
    ):
        # A stolen token of a provider-only account linked the thief's
        # provider account with nothing asked: a way in that outlived the
        # owner's recovery.
        link(passwordless)

        response = client_for(passwordless).post(
            LIST, {"provider": GOOGLE, "id_token": id_token}, format="json"
        )

        assert response.status_code == 401
        assert response.data == {
            "reauthentication_required": True,
            "methods": ["login"],
        }
        assert UserSocialAuth.objects.filter(user_id=passwordless.pk).count() == 1

    def test_signing_in_through_the_provider_is_the_proof_of_such_an_account(
        self, passwordless, native, person
    ):
        link(passwordless, GOOGLE, uid=person["sub"])
        now = int(time.time())
        claims = {"iss": native.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 600}
        signed_in = APIClient().post(
            reverse("provider-token", kwargs={"provider": GOOGLE}),
            {"id_token": native.sign({**claims, **person})},
            format="json",
        )
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {signed_in.data['access']}")
        other = {**person, "sub": f"{person['sub']}-second"}

        response = client.post(
            LIST,
            {"provider": GOOGLE, "id_token": native.sign({**claims, **other})},
            format="json",
        )

        assert signed_in.status_code == 201, signed_in.data
        assert response.status_code == 201, response.data
        assert UserSocialAuth.objects.filter(user_id=passwordless.pk).count() == 2

    def test_a_provider_account_of_another_user_is_refused(
        self, user_client, other_user, id_token, person
    ):
        theirs = link(other_user, GOOGLE, uid=person["sub"])

        response = user_client.post(
            LIST,
            {"provider": GOOGLE, "id_token": id_token, "current_password": PASSWORD},
            format="json",
        )

        assert response.status_code == 400
        assert list(UserSocialAuth.objects.all()) == [theirs]

    def test_a_bad_id_token_links_nothing(self, user_client, native, person):
        token = native.sign({**person, "iss": native.issuer, "aud": "other"})

        response = user_client.post(
            LIST,
            {"provider": GOOGLE, "id_token": token, "current_password": PASSWORD},
            format="json",
        )

        assert response.status_code == 400
        assert not UserSocialAuth.objects.exists()

    def test_the_users_address_is_not_changed(
        self, user_client, user, fields, id_token
    ):
        before = getattr(user, fields.email)

        user_client.post(
            LIST,
            {"provider": GOOGLE, "id_token": id_token, "current_password": PASSWORD},
            format="json",
        )

        user.refresh_from_db()
        assert getattr(user, fields.email) == before

    @pytest.mark.parametrize(
        "body",
        [
            {"provider": GOOGLE},
            {"provider": GOOGLE, "id_token": "a", "code": "b"},
            {"id_token": "a.b.c"},
            {"provider": ["x"], "id_token": "a"},
        ],
    )
    def test_a_body_without_one_proof_is_refused(self, user_client, body, native):
        response = user_client.post(
            LIST, {**body, "current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 400
        assert not UserSocialAuth.objects.exists()


def test_connecting_with_the_code_flow(user_client, user, provider, person):
    app = SinglePageApp(user_client, OIDC)
    callback = app.callback()

    response = user_client.post(
        LIST, {"provider": OIDC, **callback, "current_password": PASSWORD}
    )

    assert response.status_code == 201, response.data
    social = UserSocialAuth.objects.get()
    assert (social.user_id, social.uid) == (user.pk, person["sub"])


def test_a_linked_provider_account_is_told_by_default(
    user_client, user, id_token, mailoutbox
):
    response = user_client.post(
        LIST,
        {"provider": GOOGLE, "id_token": id_token, "current_password": PASSWORD},
        format="json",
    )

    assert response.status_code == 201
    assert [message.to for message in mailoutbox] == [[get_user_email(user)]]
    assert GOOGLE in mailoutbox[0].body


class TestSecurityNotices:
    @pytest.fixture(autouse=True)
    def notices_on(self, djoser_settings):
        djoser_settings(
            SECURITY_NOTICES={"social_connected": True, "social_disconnected": True}
        )

    def test_linking_tells_the_account_address(
        self, user_client, user, id_token, mailoutbox
    ):
        user_client.post(
            LIST,
            {"provider": GOOGLE, "id_token": id_token, "current_password": PASSWORD},
            format="json",
        )

        assert [message.to for message in mailoutbox] == [[get_user_email(user)]]
        assert GOOGLE in mailoutbox[0].body
        assert "If you did not link it" in mailoutbox[0].body

    def test_unlinking_tells_the_account_address(self, user_client, user, mailoutbox):
        only = link(user)

        user_client.delete(detail(only))

        assert [message.to for message in mailoutbox] == [[get_user_email(user)]]
        assert "can no longer sign in" in mailoutbox[0].body

    def test_a_refused_change_tells_nobody(
        self, client_for, passwordless, user_client, id_token, mailoutbox
    ):
        client_for(passwordless).delete(detail(link(passwordless)))
        user_client.post(
            LIST, {"provider": GOOGLE, "id_token": id_token}, format="json"
        )

        assert mailoutbox == []
