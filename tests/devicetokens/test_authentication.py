"""DeviceTokenAuthentication: one query, expiry, inactive users, last use."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from djoser.devicetokens import keys
from djoser.devicetokens.authentication import DeviceTokenAuthentication
from djoser.devicetokens.models import DeviceToken
from djoser.views import UserViewSet
from tests.devicetokens.conftest import START, hours, me, tokens_of


class TestQueries:
    def test_an_authenticated_request_makes_one_query(
        self, login, user, clock, django_assert_num_queries
    ):
        phone = login(user)
        me(phone)  # the first use is written down

        with django_assert_num_queries(1):
            response = me(phone)

        assert response.status_code == 200

    def test_a_use_after_the_interval_adds_one_update(
        self, login, user, device_settings, clock, django_assert_num_queries
    ):
        device_settings(LAST_USED_INTERVAL=hours(1))
        phone = login(user)
        me(phone)
        clock.shift(hours(1))

        with django_assert_num_queries(2) as captured:
            me(phone)

        assert captured.captured_queries[1]["sql"].startswith("UPDATE")


class TestLastUse:
    def test_a_new_token_has_no_last_use(self, login, user):
        login(user)

        assert tokens_of(user).get().last_used is None

    def test_the_first_use_is_recorded(self, login, user, clock):
        phone = login(user)

        me(phone)

        assert tokens_of(user).get().last_used == START

    def test_uses_within_the_interval_are_not_written(
        self, login, user, device_settings, clock
    ):
        device_settings(LAST_USED_INTERVAL=hours(1))
        phone = login(user)
        me(phone)
        clock.shift(hours(1) / 2)

        me(phone)

        assert tokens_of(user).get().last_used == START

    def test_a_use_after_the_interval_is_written(
        self, login, user, device_settings, clock
    ):
        device_settings(LAST_USED_INTERVAL=hours(1))
        phone = login(user)
        me(phone)
        clock.shift(hours(1))

        me(phone)

        assert tokens_of(user).get().last_used == START + hours(1)


class TestRefusals:
    def test_an_unknown_device_key_is_an_invalid_token(
        self, api_client, device_settings
    ):
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {keys.generate_key()}")

        response = me(api_client)

        assert response.status_code == 401
        assert response.data == {"detail": "Invalid token."}

    def test_an_inactive_users_token_is_refused(self, login, user):
        phone = login(user)
        user.is_active = False
        user.save(update_fields=["is_active"])

        response = me(phone)

        assert response.status_code == 401
        assert response.data == {"detail": "User inactive or deleted."}

    @pytest.mark.parametrize(
        "header, detail",
        [
            ("Token", "Invalid token header. No credentials provided."),
            (
                "Token dtk_a dtk_b",
                "Invalid token header. Token string should not contain spaces.",
            ),
        ],
        ids=["no-key", "two-keys"],
    )
    def test_a_malformed_header_is_refused_as_drf_does(
        self, api_client, device_settings, header, detail
    ):
        api_client.credentials(HTTP_AUTHORIZATION=header)

        response = me(api_client)

        assert response.status_code == 401
        assert response.data == {"detail": detail}

    @pytest.mark.parametrize(
        "key",
        ["dtk_" + "x" * 10_000, "dtk_ünïcödé", "dtk_"],
        ids=["very-long", "non-ascii", "marker-only"],
    )
    def test_odd_device_keys_are_invalid_tokens(self, api_client, device_settings, key):
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

        response = me(api_client)

        assert response.status_code == 401


class TestBesideDrfTokens:
    def test_a_drf_token_still_authenticates(self, device_settings, user):
        token = Token.objects.create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

        assert me(client).status_code == 200

    def test_a_device_key_is_never_looked_up_as_a_drf_token(self, login, user):
        phone = login(user)

        assert not Token.objects.filter(key=phone.key).exists()
        assert DeviceToken.objects.count() == 1
        assert me(phone).status_code == 200


class TestAlone:
    """With DeviceTokenAuthentication as the only token class."""

    @pytest.fixture(autouse=True)
    def only_device_tokens(self, monkeypatch):
        # DRF copies DEFAULT_AUTHENTICATION_CLASSES onto views at import time.
        monkeypatch.setattr(
            UserViewSet, "authentication_classes", [DeviceTokenAuthentication]
        )

    def test_a_key_without_the_marker_counts_as_no_credentials(
        self, device_settings, user
    ):
        token = Token.objects.create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

        response = me(client)

        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"

    def test_a_device_key_authenticates(self, login, user):
        assert me(login(user)).status_code == 200
