"""The hook in the login views: one query where the app is installed, none
where it is not."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.mfa.conftest import enrol, login_body


def login_queries(api_client, fields, user):
    with CaptureQueriesContext(connection) as queries:
        response = api_client.post(reverse("login"), login_body(fields, user))
    return response, [query["sql"] for query in queries]


def mentions_mfa(sql):
    return "djoser_mfa" in sql


def test_login_of_a_user_without_mfa_asks_one_question_of_the_app(
    api_client, fields, user
):
    response, queries = login_queries(api_client, fields, user)

    assert response.status_code == 200
    assert len([sql for sql in queries if mentions_mfa(sql)]) == 1


def test_without_the_app_installed_the_login_asks_nothing_of_it(
    api_client, fields, user, settings
):
    enrol(user)
    settings.INSTALLED_APPS = [
        app for app in settings.INSTALLED_APPS if app != "djoser.mfa"
    ]

    response, queries = login_queries(api_client, fields, user)

    assert response.status_code == 200
    assert not any(mentions_mfa(sql) for sql in queries)
