"""HEAD, OPTIONS, unmapped methods and the API root on the users routes."""

import pytest
from django.urls import reverse


@pytest.fixture
def url_for(user):
    """The URL of a route name; users/{id}/ points at ``user``."""

    def build(name):
        args = [user.pk] if name == "user-detail" else []
        return reverse(name, args=args)

    return build


class TestHead:
    @pytest.mark.parametrize(
        "name", ["user-me", "user-list", "user-detail", "api-root"]
    )
    def test_answers_like_get_with_an_empty_body(self, user_client, url_for, name):
        url = url_for(name)

        get = user_client.get(url)
        head = user_client.head(url)

        assert get.status_code == 200
        assert head.status_code == 200
        assert head.content == b""
        assert head["Content-Type"] == get["Content-Type"]

    @pytest.mark.parametrize("name", ["user-me", "user-list", "user-detail"])
    def test_anonymous_gets_401(self, api_client, url_for, name):
        response = api_client.head(url_for(name))

        assert response.status_code == 401
        assert response.content == b""

    def test_with_hide_users_another_users_page_is_404(self, user_client, other_user):
        response = user_client.head(reverse("user-detail", args=[other_user.pk]))

        assert response.status_code == 404


class TestOptions:
    @pytest.mark.parametrize(
        "name",
        ["user-me", "user-list", "user-detail", "user-set-password", "user-activation"],
    )
    def test_authenticated_gets_200(self, user_client, url_for, name):
        response = user_client.options(url_for(name))

        assert response.status_code == 200
        assert "name" in response.data

    @pytest.mark.parametrize("name", ["user-me", "user-detail"])
    def test_describes_the_update_of_the_users_own_account(
        self, fields, user_client, url_for, name
    ):
        response = user_client.options(url_for(name))

        assert fields.username in response.data["actions"]["PUT"]

    @pytest.mark.parametrize(
        "name", ["user-me", "user-list", "user-detail", "user-set-password"]
    )
    def test_anonymous_gets_401_on_protected_routes(self, api_client, url_for, name):
        assert api_client.options(url_for(name)).status_code == 401


UNMAPPED = [
    ("user-list", "put"),
    ("user-list", "patch"),
    ("user-list", "delete"),
    ("user-me", "post"),
    ("user-detail", "post"),
    ("user-set-password", "get"),
    ("user-set-password", "delete"),
    ("user-activation", "get"),
    ("user-activation", "delete"),
    ("user-reset-password", "put"),
    ("api-root", "post"),
]


class TestUnmappedMethods:
    @pytest.mark.parametrize(("name", "method"), UNMAPPED)
    def test_answer_405_in_json_to_an_authenticated_client(
        self, user_client, url_for, name, method
    ):
        response = getattr(user_client, method)(url_for(name))

        assert response.status_code == 405
        assert response.json() == {"detail": f'Method "{method.upper()}" not allowed.'}

    @pytest.mark.parametrize(
        ("name", "method"),
        [
            ("user-list", "put"),
            ("user-me", "post"),
            ("user-detail", "post"),
            ("user-set-password", "get"),
        ],
    )
    def test_anonymous_gets_401_first_on_protected_routes(
        self, api_client, url_for, name, method
    ):
        response = getattr(api_client, method)(url_for(name))

        assert response.status_code == 401

    def test_put_on_the_list_creates_nothing(self, fields, user_client, user):
        data = {**fields.values(), "password": "unused-password-9"}

        user_client.put(reverse("user-list"), data, format="json")

        assert fields.model._default_manager.count() == 1


class TestApiRoot:
    def test_lists_the_users_route(self, db, api_client):
        response = api_client.get(reverse("api-root"))

        assert response.status_code == 200
        assert response.json() == {"users": "http://testserver" + reverse("user-list")}
