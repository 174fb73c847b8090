"""LIFETIME, SLIDING_RENEWAL and MAX_PER_USER, with the clock moved, not waited on."""

from django.urls import reverse

from tests.devicetokens.conftest import START, hours, me, tokens_of


class TestLifetime:
    def test_without_a_lifetime_a_token_never_expires(self, login, user, clock):
        phone = login(user)
        clock.shift(hours(24 * 365 * 5))

        assert tokens_of(user).get().expires is None
        assert me(phone).status_code == 200

    def test_a_token_works_until_its_lifetime_ends(
        self, login, user, device_settings, clock
    ):
        device_settings(LIFETIME=hours(24))
        phone = login(user)
        clock.shift(hours(24) - hours(1) / 3600)

        assert me(phone).status_code == 200

    def test_a_token_is_refused_once_its_lifetime_ends(
        self, login, user, device_settings, clock
    ):
        device_settings(LIFETIME=hours(24))
        phone = login(user)
        clock.shift(hours(24))

        response = me(phone)

        assert response.status_code == 401
        assert response.data == {"detail": "Token has expired."}

    def test_the_expiry_is_set_at_login(self, login, user, device_settings, clock):
        device_settings(LIFETIME=hours(24))

        login(user)

        assert tokens_of(user).get().expires == START + hours(24)

    def test_without_sliding_renewal_use_does_not_extend_the_lifetime(
        self, login, user, device_settings, clock
    ):
        device_settings(LIFETIME=hours(24), LAST_USED_INTERVAL=hours(1))
        phone = login(user)
        for _ in range(23):
            clock.shift(hours(1))
            assert me(phone).status_code == 200
        clock.shift(hours(1))

        assert me(phone).status_code == 401
        assert tokens_of(user).get().expires == START + hours(24)


class TestSlidingRenewal:
    def test_each_recorded_use_moves_the_expiry_on(
        self, login, user, device_settings, clock
    ):
        device_settings(
            LIFETIME=hours(24), SLIDING_RENEWAL=True, LAST_USED_INTERVAL=hours(1)
        )
        phone = login(user)
        clock.shift(hours(20))

        me(phone)

        assert tokens_of(user).get().expires == START + hours(20) + hours(24)

    def test_a_token_in_use_outlives_its_first_lifetime(
        self, login, user, device_settings, clock
    ):
        device_settings(
            LIFETIME=hours(24), SLIDING_RENEWAL=True, LAST_USED_INTERVAL=hours(1)
        )
        phone = login(user)
        for _ in range(3):
            clock.shift(hours(20))
            assert me(phone).status_code == 200

        assert tokens_of(user).get().expires == START + hours(60) + hours(24)

    def test_an_idle_token_still_expires(self, login, user, device_settings, clock):
        device_settings(
            LIFETIME=hours(24), SLIDING_RENEWAL=True, LAST_USED_INTERVAL=hours(1)
        )
        phone = login(user)
        clock.shift(hours(10))
        me(phone)
        clock.shift(hours(24))

        response = me(phone)

        assert response.status_code == 401
        assert response.data == {"detail": "Token has expired."}

    def test_uses_within_the_interval_do_not_move_the_expiry(
        self, login, user, device_settings, clock
    ):
        device_settings(
            LIFETIME=hours(24), SLIDING_RENEWAL=True, LAST_USED_INTERVAL=hours(1)
        )
        phone = login(user)
        me(phone)
        clock.shift(hours(1) / 2)

        me(phone)

        assert tokens_of(user).get().expires == START + hours(24)

    def test_an_expired_token_is_not_renewed_by_trying_it(
        self, login, user, device_settings, clock
    ):
        device_settings(LIFETIME=hours(24), SLIDING_RENEWAL=True)
        phone = login(user)
        clock.shift(hours(25))

        me(phone)

        assert tokens_of(user).get().expires == START + hours(24)


class TestCap:
    def test_past_the_cap_the_oldest_tokens_are_revoked(
        self, login, user, device_settings, clock
    ):
        device_settings(MAX_PER_USER=2)
        first = login(user, device_name="first")
        clock.shift(hours(1))
        second = login(user, device_name="second")
        clock.shift(hours(1))
        third = login(user, device_name="third")

        assert me(first).status_code == 401
        assert me(second).status_code == 200
        assert me(third).status_code == 200
        names = (
            tokens_of(user).order_by("created").values_list("device_name", flat=True)
        )
        assert list(names) == ["second", "third"]

    def test_the_cap_counts_each_user_apart(
        self, login, user, other_user, device_settings
    ):
        device_settings(MAX_PER_USER=1)
        theirs = login(other_user)

        mine = login(user)

        assert me(theirs).status_code == 200
        assert me(mine).status_code == 200

    def test_a_lowered_cap_applies_at_the_next_login(
        self, login, user, device_settings, clock
    ):
        for _ in range(4):
            login(user)
            clock.shift(hours(1))
        device_settings(MAX_PER_USER=1)

        newest = login(user)

        assert tokens_of(user).count() == 1
        assert me(newest).status_code == 200

    def test_a_login_clears_the_users_expired_tokens(
        self, login, user, device_settings, clock
    ):
        device_settings(LIFETIME=hours(1))
        login(user)
        clock.shift(hours(2))

        fresh = login(user)

        assert tokens_of(user).count() == 1
        listed = fresh.get(reverse("device-token-list")).data
        assert [row["current"] for row in listed] == [True]
