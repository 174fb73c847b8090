"""The OpenAPI schema describes both clients: the browser client's cookies."""

import pytest

from tests.test_schema import component, generate, operation, response_schema

# Browser client route -> the app client's route it mirrors, for logins.
LOGINS = {
    "browser/token/login/": ("token/login/", "200"),
    "browser/jwt/create/": ("jwt/create/", "200"),
    "browser/jwt/refresh/": ("jwt/refresh/", "200"),
    "browser/mfa/verify/": ("mfa/verify/", "200"),
    "browser/webauthn/login/": ("webauthn/login/", "201"),
}


@pytest.fixture(scope="module")
def schema():
    return generate()


def schema_properties(schema, value):
    if "$ref" in value:
        value = component(schema, value["$ref"])
    found = set(value.get("properties", {}))
    for choice in [*value.get("anyOf", []), *value.get("oneOf", [])]:
        found |= schema_properties(schema, choice)
    return found


def test_the_cookie_security_schemes_are_described(schema):
    schemes = schema["components"]["securitySchemes"]

    assert schemes["accessTokenCookie"] == {
        "type": "apiKey",
        "in": "cookie",
        "name": "access_token",
        "description": schemes["accessTokenCookie"]["description"],
    }
    assert schemes["authTokenCookie"]["name"] == "auth_token"
    assert "X-Csrftoken" in schemes["authTokenCookie"]["description"]


def test_browser_operations_accept_either_cookie(schema):
    security = operation(schema, "browser/users/me/", "get")["security"]

    assert security[:2] == [{"accessTokenCookie": []}, {"authTokenCookie": []}]
    # Once each, though the project lists CookieAuthentication too.
    assert security.count({"accessTokenCookie": []}) == 1


@pytest.mark.parametrize("route", LOGINS)
def test_browser_logins_answer_no_credential_in_the_body(schema, route):
    app_route, status = LOGINS[route]

    browser_answer = response_schema(schema, route, "post", status)
    app_answer = response_schema(schema, app_route, "post", status)

    credentials = {"auth_token", "access", "refresh"}
    assert not schema_properties(schema, browser_answer) & credentials
    assert schema_properties(schema, app_answer) & credentials
    headers = operation(schema, route, "post")["responses"][status]["headers"]
    assert "Set-Cookie" in headers


def test_the_browser_social_login_answers_the_user_only(schema):
    answer = response_schema(schema, "browser/o/{provider}/", "post", "201")

    assert schema_properties(schema, answer) == {"user"}


@pytest.mark.parametrize(
    ("route", "field"),
    [
        ("browser/jwt/refresh/", "refresh"),
        ("browser/jwt/verify/", "token"),
        ("browser/jwt/blacklist/", "refresh"),
        ("browser/mfa/verify/", "mfa_token"),
    ],
)
def test_fields_read_from_cookies_leave_the_request_body(schema, route, field):
    body = operation(schema, route, "post").get("requestBody")
    app_body = operation(schema, route.removeprefix("browser/"), "post")["requestBody"]

    app_fields = schema_properties(
        schema, app_body["content"]["application/json"]["schema"]
    )
    assert field in app_fields
    if body is not None:
        browser_fields = schema_properties(
            schema, body["content"]["application/json"]["schema"]
        )
        assert field not in browser_fields


@pytest.mark.parametrize(
    ("route", "method"),
    [
        ("browser/token/login/", "post"),
        ("browser/users/me/", "patch"),
        ("browser/users/me/", "delete"),
        ("browser/jwt/refresh/", "post"),
    ],
)
def test_unsafe_browser_operations_take_the_csrf_header_and_may_answer_403(
    schema, route, method
):
    described = operation(schema, route, method)

    headers = [p for p in described["parameters"] if p["name"] == "X-Csrftoken"]
    assert headers == [
        {
            "in": "header",
            "name": "X-Csrftoken",
            "schema": {"type": "string"},
            "description": headers[0]["description"],
            "required": True,
        }
    ]
    assert "CSRF" in described["responses"]["403"]["description"]


def test_app_client_operations_are_unchanged(schema):
    described = operation(schema, "token/login/", "post")

    parameters = described.get("parameters", [])
    assert not [p for p in parameters if p["name"] == "X-Csrftoken"]
    assert described["operationId"] == "token_login"
    # Anyone may log in: no scheme is listed (djoser.schema's rule).
    assert "security" not in described


def test_operation_ids_are_unique_across_both_clients(schema):
    ids = [
        description["operationId"]
        for methods in schema["paths"].values()
        for description in methods.values()
    ]

    assert len(ids) == len(set(ids))
    assert operation(schema, "browser/token/login/", "post")["operationId"] == (
        "browser_token_login"
    )


def test_the_csrf_endpoint_is_described(schema):
    described = operation(schema, "browser/csrf/", "get")

    assert described["tags"] == ["browser client"]
    answer = response_schema(schema, "browser/csrf/", "get", "200")
    assert schema_properties(schema, answer) == {"csrf_token"}
