"""GET tokens/ lists the caller's devices; DELETE tokens/{id}/ revokes one."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from djoser.devicetokens.models import DeviceToken
from tests.devicetokens.conftest import START, hours, me, tokens_of

LIST_FIELDS = {
    "id",
    "prefix",
    "device_name",
    "created",
    "last_used",
    "expires",
    "current",
}


def detail(token):
    return reverse("device-token-detail", args=[token.pk])


class TestList:
    def test_lists_the_callers_tokens_newest_first_and_marks_the_current_one(
        self, login, user, other_user, clock
    ):
        phone = login(user, user_agent="Phone")
        clock.shift(hours(1))
        laptop = login(user, user_agent="Laptop")
        login(other_user, user_agent="Not mine")

        response = laptop.get(reverse("device-token-list"))

        assert response.status_code == 200
        assert [row["device_name"] for row in response.data] == ["Laptop", "Phone"]
        assert [row["current"] for row in response.data] == [True, False]
        assert all(set(row) == LIST_FIELDS for row in response.data)
        assert response.data[1]["prefix"] == phone.key[:12]

    def test_the_rows_carry_the_dates(self, login, user, device_settings, clock):
        device_settings(LIFETIME=hours(24))
        phone = login(user)

        row = phone.get(reverse("device-token-list")).json()[0]

        # The listing request itself is the token's first use.
        assert row["created"] == row["last_used"] == "2030-01-01T12:00:00Z"
        assert row["expires"] == (START + hours(24)).isoformat().replace("+00:00", "Z")

    def test_expired_tokens_are_not_listed(self, login, user, device_settings, clock):
        device_settings(LIFETIME=hours(2))
        login(user, user_agent="Old")
        clock.shift(hours(3))
        fresh = login(user, user_agent="New")

        response = fresh.get(reverse("device-token-list"))

        assert [row["device_name"] for row in response.data] == ["New"]

    def test_anonymous_list_answers_401(self, api_client, device_settings):
        assert api_client.get(reverse("device-token-list")).status_code == 401

    def test_a_drf_token_client_sees_no_current_device_token(self, login, user):
        login(user)
        drf_client = APIClient()
        drf_token = Token.objects.create(user=user)
        drf_client.credentials(HTTP_AUTHORIZATION=f"Token {drf_token.key}")

        response = drf_client.get(reverse("device-token-list"))

        assert response.status_code == 200
        assert [row["current"] for row in response.data] == [False]


class TestDelete:
    def test_deleting_ones_own_token_revokes_that_device_only(self, login, user):
        phone = login(user, user_agent="Phone")
        laptop = login(user, user_agent="Laptop")
        phone_token = tokens_of(user).get(device_name="Phone")

        response = laptop.delete(detail(phone_token))

        assert response.status_code == 204
        assert me(phone).status_code == 401
        assert me(laptop).status_code == 200

    def test_deleting_another_users_token_answers_404_and_keeps_it(
        self, login, user, other_user
    ):
        mine = login(user)
        theirs = login(other_user)
        their_token = tokens_of(other_user).get()

        response = mine.delete(detail(their_token))

        assert response.status_code == 404
        assert DeviceToken.objects.filter(pk=their_token.pk).exists()
        assert me(theirs).status_code == 200

    @pytest.mark.parametrize("token_id", ["abc", "-1", "1.5", "9" * 30], ids=str)
    def test_an_id_that_is_no_number_answers_404(self, login, user, token_id):
        phone = login(user)

        response = phone.delete(f"/auth/tokens/{token_id}/")

        assert response.status_code == 404
        assert tokens_of(user).count() == 1

    def test_an_unknown_id_answers_404(self, login, user):
        phone = login(user)

        response = phone.delete(f"/auth/tokens/{10**12}/")

        assert response.status_code == 404

    def test_anonymous_delete_answers_401(self, api_client, login, user):
        login(user)

        response = api_client.delete(detail(tokens_of(user).get()))

        assert response.status_code == 401
        assert tokens_of(user).count() == 1

    def test_a_token_has_no_detail_view(self, login, user):
        phone = login(user)

        assert phone.get(detail(tokens_of(user).get())).status_code == 405
