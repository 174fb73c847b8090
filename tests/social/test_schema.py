"""The OpenAPI schema of token login and connected accounts."""

import pytest
from drf_spectacular.generators import SchemaGenerator

OPERATIONS = {
    ("/auth/o/{provider}/token/", "post"): "social_token_login",
    ("/auth/social/accounts/", "get"): "social_accounts_list",
    ("/auth/social/accounts/", "post"): "social_accounts_connect",
    ("/auth/social/accounts/{id}/", "get"): "social_accounts_retrieve",
    ("/auth/social/accounts/{id}/", "delete"): "social_accounts_disconnect",
}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def resolve(schema, reference):
    return schema["components"]["schemas"][reference.rpartition("/")[2]]


@pytest.mark.parametrize(("route", "method"), OPERATIONS)
def test_operations_have_readable_ids_and_the_social_tag(schema, route, method):
    operation = schema["paths"][route][method]

    assert operation["operationId"] == OPERATIONS[route, method]
    assert operation["tags"] == ["social"]
    assert operation["summary"]


def test_token_login_takes_either_token_and_answers_the_jwt_pair(schema):
    operation = schema["paths"]["/auth/o/{provider}/token/"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    answer = operation["responses"]["201"]["content"]["application/json"]["schema"]

    assert set(resolve(schema, body["$ref"])["properties"]) == {
        "id_token",
        "access_token",
        "nonce",
    }
    assert set(resolve(schema, answer["$ref"])["properties"]) == {
        "access",
        "refresh",
        "user",
    }
    assert {"400", "401", "404"} <= set(operation["responses"])
    assert "Device-Proof" in operation["responses"]["201"]["headers"]


def test_the_list_answers_typed_links(schema):
    answer = schema["paths"]["/auth/social/accounts/"]["get"]["responses"]["200"]
    items = answer["content"]["application/json"]["schema"]

    assert items["type"] == "array"
    link = resolve(schema, items["items"]["$ref"])
    assert link["properties"]["id"]["type"] == "integer"
    assert link["properties"]["created"]["format"] == "date-time"


def test_connecting_asks_for_the_provider_and_a_proof(schema):
    operation = schema["paths"]["/auth/social/accounts/"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]

    properties = resolve(schema, body["$ref"])["properties"]
    assert {"provider", "current_password", "code", "state", "id_token"} <= set(
        properties
    )


@pytest.mark.parametrize(
    ("route", "method", "meaning"),
    [
        ("/auth/o/{provider}/", "get", "backend"),
        ("/auth/o/{provider}/", "post", "backend"),
        ("/auth/o/{provider}/token/", "post", "backend"),
        ("/auth/social/accounts/", "post", "backend"),
        ("/auth/social/accounts/{id}/", "get", "linked"),
        ("/auth/social/accounts/{id}/", "delete", "linked"),
    ],
)
def test_a_404_says_what_was_not_found(schema, route, method, meaning):
    # An unknown provider answers 404 {"detail"}: not "No such account".
    answer = schema["paths"][route][method]["responses"]["404"]

    assert meaning in answer["description"]
    assert "account, or (HIDE_USERS)" not in answer["description"]
