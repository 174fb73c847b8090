"""Route names and paths (SPEC §6), as mounted by the test project under auth/."""

import pytest
from django.urls import resolve, reverse

USER_ROUTES = {
    "user-list": "users/",
    "user-me": "users/me/",
    "user-activation": "users/activation/",
    "user-resend-activation": "users/resend_activation/",
    "user-set-password": "users/set_password/",
    "user-reset-password": "users/reset_password/",
    "user-reset-password-confirm": "users/reset_password_confirm/",
}

USERNAME_ROUTES = {
    "user-set-username": "users/set_{}/",
    "user-reset-username": "users/reset_{}/",
    "user-reset-username-confirm": "users/reset_{}_confirm/",
}

OTHER_ROUTES = {
    "api-root": "",
    "login": "token/login",
    "logout": "token/logout",
    "jwt-create": "jwt/create",
    "jwt-refresh": "jwt/refresh",
    "jwt-verify": "jwt/verify",
}


@pytest.mark.parametrize("name, path", {**USER_ROUTES, **OTHER_ROUTES}.items())
def test_route_reverses_to_its_path(name, path):
    assert reverse(name) == f"/auth/{path}"


@pytest.mark.parametrize("name, path", USERNAME_ROUTES.items())
def test_username_route_path_names_the_username_field(fields, name, path):
    assert reverse(name) == "/auth/" + path.format(fields.username)


def test_user_detail_reverses_with_the_user_id_field(fields):
    assert reverse("user-detail", kwargs={fields.id: 7}) == "/auth/users/7/"


@pytest.mark.parametrize("name", [*USER_ROUTES, *USERNAME_ROUTES])
def test_user_route_has_a_format_suffix_variant(name):
    path = reverse(name, kwargs={"format": "json"})

    assert path == reverse(name).rstrip("/") + ".json"
    assert resolve(path).url_name == name


def test_user_detail_has_a_format_suffix_variant(fields):
    path = reverse("user-detail", kwargs={fields.id: 7, "format": "json"})

    assert path == "/auth/users/7.json"


@pytest.mark.parametrize("name", [*USER_ROUTES, *USERNAME_ROUTES, *OTHER_ROUTES])
def test_path_resolves_back_to_its_name(name):
    assert resolve(reverse(name)).url_name == name


def test_api_root_lists_the_users_endpoint(api_client):
    response = api_client.get(reverse("api-root"))

    assert response.status_code == 200
    assert response.data["users"].endswith(reverse("user-list"))


def test_json_suffix_answers_json(user_client, fields, user):
    response = user_client.get(reverse("user-me", kwargs={"format": "json"}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()[fields.id] == user.pk
