"""Events that revoke every device token: password change, reset, deletion."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse

from djoser import signals
from djoser.utils import encode_uid
from tests.conftest import NEW_PASSWORD, PASSWORD
from tests.devicetokens.conftest import me, tokens_of


def set_password(client):
    return client.post(
        reverse("user-set-password"),
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )


class TestSetPassword:
    def test_with_logout_on_password_change_every_device_is_logged_out(
        self, login, user, other_user, djoser_settings
    ):
        phone = login(user)
        laptop = login(user)
        someone_else = login(other_user)
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

        response = set_password(phone)

        assert response.status_code == 204
        assert me(phone).status_code == 401
        assert me(laptop).status_code == 401
        assert me(someone_else).status_code == 200
        assert not tokens_of(user).exists()

    def test_without_it_every_device_stays_logged_in(self, login, user):
        phone = login(user)
        laptop = login(user)

        set_password(phone)

        assert me(phone).status_code == 200
        assert me(laptop).status_code == 200

    def test_a_failed_change_revokes_nothing(self, login, user, djoser_settings):
        phone = login(user)
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

        phone.post(
            reverse("user-set-password"),
            {"current_password": "wrong", "new_password": NEW_PASSWORD},
            format="json",
        )

        assert me(phone).status_code == 200


class TestResetPasswordConfirm:
    def confirm(self, client, user, token=None):
        # Logging in moved last_login, which the reset token depends on.
        user.refresh_from_db()
        return client.post(
            reverse("user-reset-password-confirm"),
            {
                "uid": encode_uid(user.pk),
                "token": token or default_token_generator.make_token(user),
                "new_password": NEW_PASSWORD,
            },
            format="json",
        )

    def test_a_confirmed_reset_logs_every_device_out(
        self, api_client, login, user, other_user
    ):
        phone = login(user)
        laptop = login(user)
        someone_else = login(other_user)

        response = self.confirm(api_client, user)

        assert response.status_code == 204
        assert me(phone).status_code == 401
        assert me(laptop).status_code == 401
        assert me(someone_else).status_code == 200

    def test_a_refused_reset_revokes_nothing(self, api_client, login, user):
        phone = login(user)

        response = self.confirm(api_client, user, token="not-a-token")

        assert response.status_code == 400
        assert me(phone).status_code == 200


class TestAccountDeletion:
    def test_deleting_the_account_revokes_every_device(self, login, user):
        user_id = user.pk
        phone = login(user)
        login(user)

        response = phone.delete(
            reverse("user-me"), {"current_password": PASSWORD}, format="json"
        )

        assert response.status_code == 204
        assert not tokens_of(user_id).exists()

    def test_the_hook_runs_while_the_account_still_exists(self, login, user):
        phone = login(user)
        account_existed = []

        def receiver(sender, user, **kwargs):
            account_existed.append(
                type(user)._default_manager.filter(pk=user.pk).exists()
            )

        signals.user_tokens_revoked.connect(receiver)
        try:
            phone.delete(
                reverse("user-me"), {"current_password": PASSWORD}, format="json"
            )
        finally:
            signals.user_tokens_revoked.disconnect(receiver)

        assert account_existed == [True]

    def test_staff_deleting_an_account_keeps_their_own_tokens(
        self, login, make_user, user
    ):
        staff = login(make_user(is_staff=True))
        login(user)

        response = staff.delete(
            reverse("user-detail", args=[user.pk]),
            {"current_password": PASSWORD},
            format="json",
        )

        assert response.status_code == 204
        assert me(staff).status_code == 200


class TestTheHook:
    def test_each_event_sends_user_tokens_revoked_once(
        self, api_client, login, user, djoser_settings, signal_calls
    ):
        revoked = signal_calls(signals.user_tokens_revoked)
        djoser_settings(LOGOUT_ON_PASSWORD_CHANGE=True)

        set_password(login(user))
        TestResetPasswordConfirm().confirm(api_client, user)

        assert [call["user"] for call in revoked] == [user, user]
        assert all(call["request"] is not None for call in revoked)
