"""A test suite written for a djoser 2.x project passes unchanged.

Such a suite runs with djoser's default settings, sends every request from
the test client's one address, and never clears Django's cache between
tests. djoser 2.x has no rate limits, and neither has this package until a
project turns them on, so none of these requests meets a 429.
"""

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APITestCase

from tests.conftest import PASSWORD

WRONG = "not-the-password"


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """Replaces the suite's cache clearing: a djoser 2.x suite clears nothing."""


class DjoserTwoProjectTests(APITestCase):
    @pytest.fixture(autouse=True)
    def _user_fields(self, fields):
        self.fields = fields

    def register(self):
        """Register a new account; answer the response and the values sent."""
        body = {**self.fields.values(), "password": PASSWORD}
        return self.client.post(reverse("user-list"), body, format="json"), body

    def fail_logins(self, body, count):
        wrong = {self.fields.username: body[self.fields.username], "password": WRONG}
        return [
            self.client.post(reverse("login"), wrong, format="json").status_code
            for _ in range(count)
        ]

    def reset_password(self, body, count):
        address = {self.fields.email: body[self.fields.email]}
        return [
            self.client.post(
                reverse("user-reset-password"), address, format="json"
            ).status_code
            for _ in range(count)
        ]

    def test_thirty_users_register(self):
        statuses = [self.register()[0].status_code for _ in range(30)]

        self.assertEqual(statuses, [201] * 30)

    def test_twenty_failed_logins_answer_400_and_the_right_password_works(self):
        _, body = self.register()

        statuses = self.fail_logins(body, 20)
        right = {self.fields.username: body[self.fields.username], "password": PASSWORD}
        response = self.client.post(reverse("login"), right, format="json")

        self.assertEqual(statuses, [400] * 20)
        self.assertEqual(response.status_code, 200)

    def test_ten_resets_for_one_address_each_send_mail(self):
        _, body = self.register()

        statuses = self.reset_password(body, 10)

        self.assertEqual(statuses, [204] * 10)
        self.assertEqual(len(mail.outbox), 10)

    def test_all_of_it_in_one_test(self):
        registrations = [self.register() for _ in range(30)]
        _, body = registrations[-1]

        self.assertEqual([r.status_code for r, _ in registrations], [201] * 30)
        self.assertEqual(self.fail_logins(body, 20), [400] * 20)
        self.assertEqual(self.reset_password(body, 10), [204] * 10)
