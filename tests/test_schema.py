"""The OpenAPI schema from ``djoser.schema`` (drf-spectacular).

The suite runs once per user model, so the field names asserted here are
those of Django's user, EmailUser (email logins) and CustomUser (every field
renamed, extra REQUIRED_FIELDS) in turn.
"""

import re
import subprocess
import sys

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework import serializers
from rest_framework.routers import DefaultRouter
from rest_framework.throttling import AnonRateThrottle

from djoser import views
from djoser.serializers import UserCreateSerializer

RETYPE_SETTINGS = {
    "USER_CREATE_PASSWORD_RETYPE": True,
    "SET_PASSWORD_RETYPE": True,
    "PASSWORD_RESET_CONFIRM_RETYPE": True,
    "SET_USERNAME_RETYPE": True,
    "USERNAME_RESET_CONFIRM_RETYPE": True,
}


def generate(patterns=None):
    return SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)


def operation(schema, route, method):
    return schema["paths"][f"/auth/{route}"][method]


def request_schema(schema, route, method="post"):
    reference = operation(schema, route, method)["requestBody"]["content"][
        "application/json"
    ]["schema"]["$ref"]
    return component(schema, reference)


def component(schema, reference):
    return schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]


def response_schema(schema, route, method, status):
    content = operation(schema, route, method)["responses"][status]["content"]
    return content["application/json"]["schema"]


def properties(component_schema):
    return set(component_schema["properties"])


def required(component_schema):
    return set(component_schema.get("required", []))


def test_registration_asks_for_login_required_fields_and_password(fields):
    schema = generate()
    body = request_schema(schema, "users/")
    expected = {fields.username, *fields.required, "password"}
    assert properties(body) == expected
    assert required(body) >= {fields.username, "password"}
    assert "re_password" not in properties(body)


def test_registration_with_retype_asks_for_re_password(djoser_settings, fields):
    djoser_settings(**RETYPE_SETTINGS)
    body = request_schema(generate(), "users/")
    assert properties(body) == {fields.username, *fields.required, "password"} | {
        "re_password"
    }
    assert "re_password" in required(body)


def test_registration_answers_the_account_without_its_password(fields):
    schema = generate()
    created = component(
        schema, response_schema(schema, "users/", "post", "201")["$ref"]
    )
    assert properties(created) == {fields.username, fields.id, *fields.required}


def test_set_username_names_the_new_login_field(djoser_settings, fields):
    schema = generate()
    route = f"users/set_{fields.username}/"
    assert properties(request_schema(schema, route)) == {
        f"new_{fields.username}",
        "current_password",
    }
    djoser_settings(**RETYPE_SETTINGS)
    assert properties(request_schema(generate(), route)) == {
        f"new_{fields.username}",
        f"re_new_{fields.username}",
        "current_password",
    }


def test_username_reset_confirm_with_retype_names_both_login_fields(
    djoser_settings, fields
):
    djoser_settings(**RETYPE_SETTINGS)
    route = f"users/reset_{fields.username}_confirm/"
    assert properties(request_schema(generate(), route)) == {
        "uid",
        "token",
        f"new_{fields.username}",
        f"re_new_{fields.username}",
    }


def test_password_actions_add_re_new_password_with_retype(djoser_settings):
    schema = generate()
    assert properties(request_schema(schema, "users/set_password/")) == {
        "new_password",
        "current_password",
    }
    assert properties(request_schema(schema, "users/reset_password_confirm/")) == {
        "uid",
        "token",
        "new_password",
    }
    djoser_settings(**RETYPE_SETTINGS)
    schema = generate()
    assert "re_new_password" in properties(
        request_schema(schema, "users/set_password/")
    )
    assert "re_new_password" in properties(
        request_schema(schema, "users/reset_password_confirm/")
    )


@pytest.mark.parametrize(
    "route",
    ["users/reset_password/", "users/resend_activation/", "users/reset_{username}/"],
)
def test_email_actions_name_the_user_models_email_field(fields, route):
    body = request_schema(generate(), route.format(username=fields.username))
    assert properties(body) == {fields.email}
    assert body["properties"][fields.email]["format"] == "email"


def test_login_names_the_login_field(djoser_settings, fields):
    schema = generate()
    assert properties(request_schema(schema, "token/login/")) == {
        fields.username,
        "password",
    }
    token = response_schema(schema, "token/login/", "post", "200")
    assert properties(component(schema, token["$ref"])) == {"auth_token"}


def test_user_detail_shows_login_id_and_required_fields(fields):
    schema = generate()
    account = component(
        schema, response_schema(schema, "users/me/", "get", "200")["$ref"]
    )
    assert properties(account) == {fields.username, fields.id, *fields.required}
    assert account["properties"][fields.username]["readOnly"] is True


def test_account_deletion_documents_its_current_password_body():
    schema = generate()
    for route in ("users/me/", "users/{id}/"):
        body = request_schema(schema, route, "delete")
        assert properties(body) == {"current_password"}
        responses = operation(schema, route, "delete")["responses"]
        assert "content" not in responses["204"]


@pytest.mark.parametrize(
    "route",
    [
        "users/activation/",
        "users/resend_activation/",
        "users/set_password/",
        "users/reset_password/",
        "users/reset_password_confirm/",
        "token/logout/",
    ],
)
def test_actions_answer_204_without_a_body(route):
    responses = operation(generate(), route, "post")["responses"]
    assert set(responses) & {"200", "201"} == set()
    assert "content" not in responses["204"]


def test_logout_documents_no_request_body():
    assert "requestBody" not in operation(generate(), "token/logout/", "post")


def test_validation_errors_list_the_fields_and_non_field_errors():
    schema = generate()
    error = response_schema(schema, "users/set_password/", "post", "400")
    field_errors, detail = component(schema, error["$ref"])["anyOf"]
    assert properties(field_errors) == {
        "new_password",
        "current_password",
        "non_field_errors",
    }
    assert field_errors["properties"]["new_password"]["type"] == "array"
    assert detail == {"$ref": "#/components/schemas/ErrorDetail"}


def test_registration_and_reset_errors_may_be_a_bare_list(fields):
    schema = generate()
    for route in ("users/", "users/reset_password/", f"users/reset_{fields.username}/"):
        error = response_schema(schema, route, "post", "400")
        shapes = component(schema, error["$ref"])["anyOf"]
        assert {"type": "array", "items": {"type": "string"}} in shapes


def test_protected_operations_document_401_and_403():
    schema = generate()
    responses = operation(schema, "users/set_password/", "post")["responses"]
    assert {"401", "403"} <= set(responses)
    detail = responses["401"]["content"]["application/json"]["schema"]
    assert detail == {"$ref": "#/components/schemas/ErrorDetail"}
    assert component(schema, detail["$ref"])["required"] == ["detail"]


def test_public_operations_document_no_403_but_activation_does():
    schema = generate()
    registration = operation(schema, "users/", "post")["responses"]
    assert "403" not in registration
    # A stale activation link answers 403 even though activation is public.
    assert "403" in operation(schema, "users/activation/", "post")["responses"]


def test_detail_routes_document_404():
    schema = generate()
    for method in ("get", "put", "patch", "delete"):
        assert "404" in operation(schema, "users/{id}/", method)["responses"]
    assert "404" not in operation(schema, "users/me/", "get")["responses"]


class ThrottledUserViewSet(views.UserViewSet):
    throttle_classes = [AnonRateThrottle]


def test_throttled_views_document_429():
    router = DefaultRouter()
    router.register("users", ThrottledUserViewSet, basename="user")
    schema = generate([path("auth/", include(router.urls))])
    assert "429" in operation(schema, "users/reset_password/", "post")["responses"]
    unthrottled = operation(generate(), "users/reset_password/", "post")
    assert "429" not in unthrottled["responses"]


class InviteUserCreateSerializer(UserCreateSerializer):
    invite_code = serializers.CharField(write_only=True)

    class Meta(UserCreateSerializer.Meta):
        fields = (*UserCreateSerializer.Meta.fields, "invite_code")


def test_a_serializer_from_settings_shows_up(djoser_settings, fields):
    djoser_settings(
        SERIALIZERS={"user_create": f"{__name__}.InviteUserCreateSerializer"}
    )
    schema = generate()
    body = request_schema(schema, "users/")
    assert "invite_code" in properties(body)
    created = response_schema(schema, "users/", "post", "201")
    assert created["$ref"].endswith("/InviteUserCreate")


def test_jwt_scheme_names_every_accepted_prefix():
    scheme = generate()["components"]["securitySchemes"]["jwtAuth"]
    # The test project accepts "Bearer" and "JWT" (SIMPLE_JWT).
    assert '"Bearer <access token>"' in scheme["description"]
    assert '"JWT <access token>"' in scheme["description"]


def test_schema_is_valid_openapi():
    validate_schema(generate())


def test_spectacular_command_validates_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
    )
    assert "/auth/users/me/" in (tmp_path / "schema.yaml").read_text()


@pytest.mark.django_db
def test_project_serves_the_schema(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "/auth/users/" in response.json()["paths"]


def test_swagger_ui_loads_its_files_from_the_sidecar(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    # Served from the project's static files, not from a CDN.
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    sources = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert sources
    assert [source for source in sources if "//" in source] == []


# A None entry in sys.modules makes the package look not installed: imports
# fail and importlib.util.find_spec() answers None.
WITHOUT_SPECTACULAR = """
import sys

sys.modules["drf_spectacular"] = None

import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "rest_framework",
        "rest_framework.authtoken",
        "djoser",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    ROOT_URLCONF="djoser.urls",
)
django.setup()
import djoser.urls, djoser.urls.authtoken, djoser.views
from django.urls import reverse
print(reverse("user-list"), "djoser.schema" in sys.modules)
"""


def test_djoser_works_without_drf_spectacular():
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_SPECTACULAR],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/users/", "False"]
