"""The ``uid`` and ``token`` of an emailed link, as every link action checks them.

users/activation/, users/reset_password_confirm/ and
users/reset_<USERNAME_FIELD>_confirm/ read the link through one serializer,
so each test here runs for every action it names; the test id is the action
(``-k reset_username_confirm`` selects one).
"""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from rest_framework.test import APIClient

from djoser.signals import user_activated
from tests.helpers import (
    BAD_TOKENS,
    BAD_UIDS,
    INVALID_TOKEN,
    INVALID_UID,
    WRONG_TYPE_TOKENS,
    WRONG_TYPE_UIDS,
    stored,
)

LINK_ACTIONS = ["activation", "reset_password_confirm", "reset_username_confirm"]
RESET_CONFIRMS = ["reset_password_confirm", "reset_username_confirm"]


@pytest.mark.parametrize("flow", LINK_ACTIONS, indirect=True)
class TestRefusedLinks:
    """A refused link answers 400 and changes nothing, even with the email on."""

    @pytest.fixture(autouse=True)
    def email_on(self, flow, djoser_settings):
        djoser_settings(**{flow.email_setting: True})

    @pytest.fixture
    def assert_nothing_changed(self, flow, mailoutbox, signal_calls):
        """A check that the user's row, the outbox and ``user_activated`` stay put."""
        activations = signal_calls(user_activated)
        before = stored(flow.user)

        def check():
            assert stored(flow.user) == before
            assert mailoutbox == []
            assert activations == []

        return check

    @pytest.mark.parametrize("uid", BAD_UIDS)
    def test_bad_uid_answers_400_and_changes_nothing(
        self, flow, uid, assert_nothing_changed
    ):
        response = flow.post(uid=uid)

        assert response.status_code == 400
        assert response.json() == {"uid": [INVALID_UID]}
        assert_nothing_changed()

    @pytest.mark.parametrize("uid", WRONG_TYPE_UIDS)
    def test_uid_of_wrong_type_answers_400_and_changes_nothing(
        self, flow, uid, assert_nothing_changed
    ):
        response = flow.post(uid=uid)

        assert response.status_code == 400
        assert list(response.json()) == ["uid"]
        assert_nothing_changed()

    @pytest.mark.parametrize("token", BAD_TOKENS)
    def test_bad_token_answers_400_and_changes_nothing(
        self, flow, token, assert_nothing_changed
    ):
        response = flow.post(token=token)

        assert response.status_code == 400
        assert response.json() == {"token": [INVALID_TOKEN]}
        assert_nothing_changed()

    def test_another_users_token_answers_400_and_changes_nothing(
        self, flow, make_user, assert_nothing_changed
    ):
        someone_else = make_user(is_active=flow.user.is_active)

        response = flow.post(token=default_token_generator.make_token(someone_else))

        assert response.status_code == 400
        assert response.json() == {"token": [INVALID_TOKEN]}
        assert_nothing_changed()

    @pytest.mark.parametrize("token", WRONG_TYPE_TOKENS)
    def test_token_of_wrong_type_answers_400_and_changes_nothing(
        self, flow, token, assert_nothing_changed
    ):
        response = flow.post(token=token)

        assert response.status_code == 400
        assert list(response.json()) == ["token"]
        assert_nothing_changed()


@pytest.mark.parametrize("flow", RESET_CONFIRMS, indirect=True)
class TestSpentLinks:
    """Confirming moves last_login, which the token hashes: a link works once."""

    def test_confirming_records_last_login(self, flow):
        assert flow.user.last_login is None

        flow.post()

        flow.user.refresh_from_db()
        assert flow.user.last_login is not None

    def test_a_link_works_only_once(self, flow):
        flow.post()
        after_first_use = stored(flow.user)

        again = flow.post(**{flow.field: flow.other_value})

        assert again.status_code == 400
        assert again.json() == {"token": [INVALID_TOKEN]}
        assert stored(flow.user) == after_first_use

    def test_a_link_is_refused_after_a_later_login(self, flow):
        APIClient().post(reverse("login"), flow.old_login, format="json")
        before = stored(flow.user)

        response = flow.post()

        assert response.status_code == 400
        assert response.json() == {"token": [INVALID_TOKEN]}
        assert stored(flow.user) == before
