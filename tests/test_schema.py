"""The OpenAPI schema from ``djoser.schema`` (drf-spectacular).

The suite runs once per user model, so the field names asserted here are
those of Django's user, EmailUser (email logins) and CustomUser (every field
renamed, extra REQUIRED_FIELDS) in turn.
"""

import dataclasses
import importlib
import inspect
import json
import pkgutil
import re
import subprocess
import sys

import pytest
import rest_framework.generics
import rest_framework.views
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework import serializers
from rest_framework.routers import DefaultRouter
from rest_framework.throttling import AnonRateThrottle

import djoser
from djoser import schema as schema_module
from djoser import views
from djoser.browser import schema as browser_schema
from djoser.conf import RECOMMENDED_THROTTLE_RATES
from djoser.serializers import UserCreateSerializer
from tests.token_models import issues_a_token_per_login

# Device tokens read the device's name from the login body.
LOGIN_FIELDS_OF_THE_TOKEN_MODEL = (
    {"device_name"} if issues_a_token_per_login() else set()
)

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
        *LOGIN_FIELDS_OF_THE_TOKEN_MODEL,
    }
    token = response_schema(schema, "token/login/", "post", "200")
    assert properties(component(schema, token["$ref"])) == {"auth_token"}


def test_jwt_create_takes_the_login_under_username_field_alone_by_default(fields):
    schema = generate()

    body = request_schema(schema, "jwt/create/")

    assert properties(body) == {fields.username, "password"}
    assert required(body) == {fields.username, "password"}


@pytest.mark.username_not_email
def test_jwt_create_lists_the_login_field_name_it_also_takes(djoser_settings, fields):
    # The view reads the login under either name (djoser.jwt_views.login_body):
    # a generated client may send {"email", "password"} without a cast.
    djoser_settings(LOGIN_FIELD=fields.email)
    schema = generate()

    body = request_schema(schema, "jwt/create/")
    answer = response_schema(schema, "jwt/create/", "post", "200")
    errors = component(
        schema, response_schema(schema, "jwt/create/", "post", "400")["$ref"]
    )
    field_errors = component(schema, errors["anyOf"][1]["$ref"])

    assert properties(body) == {fields.username, fields.email, "password"}
    assert required(body) == {"password"}
    assert properties(component(schema, answer["$ref"])) == {"access", "refresh"}
    assert {fields.username, fields.email} <= properties(field_errors)
    validate_schema(schema)


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


def test_resend_activation_documents_its_bodiless_400_while_emails_are_off(
    djoser_settings,
):
    # djoser 2.x answers 400 without a body while SEND_ACTIVATION_EMAIL is
    # off: a client generated from a 400 with a JSON body failed to parse it
    # (openapi-python-client raised JSONDecodeError).
    djoser_settings(SEND_ACTIVATION_EMAIL=False)
    off = operation(generate(), "users/resend_activation/", "post")["responses"]
    djoser_settings(SEND_ACTIVATION_EMAIL=True)
    on = operation(generate(), "users/resend_activation/", "post")["responses"]

    assert "content" not in off["400"]
    assert "content" in on["400"]


@pytest.mark.parametrize(
    ("route", "method"),
    [
        ("o/{provider}/", "get"),
        ("users/reset_password/", "post"),
        ("mfa/totp/", "delete"),
    ],
)
def test_an_operation_that_may_answer_a_list_still_documents_its_field_errors(
    route, method
):
    schema = generate()

    error = component(schema, response_schema(schema, route, method, "400")["$ref"])

    shapes = [shape["$ref"].rsplit("/", 1)[-1] for shape in error["anyOf"]]
    assert shapes[0] == "ErrorDetail"
    assert shapes[1].endswith("FieldErrors")
    assert shapes[2] == "MessageList"


def test_logout_documents_no_request_body():
    assert "requestBody" not in operation(generate(), "token/logout/", "post")


def test_validation_errors_list_the_fields_and_non_field_errors():
    schema = generate()
    error = response_schema(schema, "users/set_password/", "post", "400")
    detail, field_errors = component(schema, error["$ref"])["anyOf"]
    assert detail == {"$ref": "#/components/schemas/ErrorDetail"}
    assert field_errors == {"$ref": "#/components/schemas/SetPasswordFieldErrors"}
    field_errors = component(schema, field_errors["$ref"])
    assert properties(field_errors) == {
        "new_password",
        "current_password",
        "non_field_errors",
    }
    assert field_errors["properties"]["new_password"]["type"] == "array"


def test_registration_and_reset_errors_may_be_a_bare_list(fields):
    schema = generate()
    for route in ("users/", "users/reset_password/", f"users/reset_{fields.username}/"):
        shapes = error_shapes(schema, route, "post")
        assert {"type": "array", "items": {"type": "string"}} in shapes


def test_protected_operations_document_401_and_403():
    schema = generate()
    responses = operation(schema, "users/me/", "get")["responses"]
    assert {"401", "403"} <= set(responses)
    detail = responses["401"]["content"]["application/json"]["schema"]
    assert detail == {"$ref": "#/components/schemas/ErrorDetail"}
    assert component(schema, detail["$ref"])["required"] == ["detail"]


REAUTHENTICATED_OPERATIONS = [
    ("users/set_password/", "post"),
    ("users/set_{username}/", "post"),
    ("users/me/", "delete"),
    ("users/{id}/", "delete"),
    ("users/me/email/", "post"),
    ("token/logout_all/", "post"),
    ("webauthn/passkeys/add_request/", "post"),
    ("webauthn/passkeys/add/", "post"),
    ("webauthn/passkeys/{id}/", "delete"),
    ("mfa/totp/", "get"),
    ("mfa/totp/", "post"),
    ("mfa/totp/", "delete"),
    ("mfa/recovery_codes/", "post"),
]


@pytest.mark.parametrize("route, method", REAUTHENTICATED_OPERATIONS)
def test_sensitive_operations_document_the_reauthentication_401(route, method, fields):
    schema = generate()
    route = route.replace("{username}", fields.username)

    shapes = error_shapes(schema, route, method, "401")

    assert shapes[0] == component(schema, "#/components/schemas/ErrorDetail")
    required_body = shapes[1]
    assert properties(required_body) == {"reauthentication_required", "methods"}
    assert required(required_body) == {"reauthentication_required", "methods"}
    methods = resolved(schema, required_body["properties"]["methods"]["items"])
    assert set(methods["enum"]) == {
        "password",
        "totp",
        "recovery_code",
        "passkey",
        "login",
    }


@pytest.mark.parametrize(
    "route",
    ["token/logout_all/", "webauthn/passkeys/add/", "webauthn/passkeys/add_request/"],
)
def test_the_body_of_a_new_sensitive_operation_may_carry_the_proof(route):
    body = request_schema(generate(), route)

    assert {"current_password", "code"} <= properties(body)


def test_a_proof_in_the_body_documents_the_reauthentication_limit(djoser_settings):
    # set_password: a code sent with it counts against "reauthentication",
    # limited by default.
    responses = operation(generate(), "users/set_password/", "post")["responses"]
    assert "429" in responses
    djoser_settings(THROTTLE_RATES={"reauthentication": None})
    responses = operation(generate(), "users/set_password/", "post")["responses"]
    assert "429" not in responses


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
    assert "429" in operation(schema, "users/set_password/", "post")["responses"]
    unthrottled = operation(generate(), "users/me/", "patch")
    assert "429" not in unthrottled["responses"]


def test_views_without_a_rate_do_not_document_429():
    # By default THROTTLE_RATES limits nothing, as in djoser 2.x.
    schema = generate()
    assert "429" not in operation(schema, "users/reset_password/", "post")["responses"]
    assert "429" not in operation(schema, "jwt/create/", "post")["responses"]


def test_rates_from_throttle_rates_document_429(djoser_settings):
    djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)
    # The recommended rates limit password_reset, the logins and set_password,
    # not reading users/me/.
    schema = generate()
    assert "429" in operation(schema, "users/reset_password/", "post")["responses"]
    for login in ("jwt/create/", "webauthn/login/", "o/{provider}/"):
        assert "429" in operation(schema, login, "post")["responses"]
    assert "429" in operation(schema, "users/set_password/", "post")["responses"]
    assert "429" not in operation(schema, "users/me/", "get")["responses"]
    rates = {**RECOMMENDED_THROTTLE_RATES, "password_reset": None}
    djoser_settings(THROTTLE_RATES={**rates, "user": "9/hour"})
    schema = generate()
    assert "429" not in operation(schema, "users/reset_password/", "post")["responses"]
    assert "429" in operation(schema, "users/me/", "get")["responses"]


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


PASSKEY_CREDENTIAL = {
    "id",
    "rawId",
    "type",
    "authenticatorAttachment",
    "clientExtensionResults",
    "response",
}
BARE_LIST = {"type": "array", "items": {"type": "string"}}


def resolved(schema, value):
    """``value``, or the component it refers to."""
    while "$ref" in value:
        value = component(schema, value["$ref"])
    return value


def error_shapes(schema, route, method, status="400"):
    """The shapes the body of ``status`` may take, references resolved."""
    error = resolved(schema, response_schema(schema, route, method, status))
    shapes = error.get("anyOf", error.get("oneOf", [error]))
    return [resolved(schema, shape) for shape in shapes]


def test_passkey_signup_request_asks_for_the_login_name_and_display_name(fields):
    schema = generate()
    body = request_schema(schema, "webauthn/signup_request/")
    assert properties(body) == {fields.username, "display_name"}
    assert required(body) == {fields.username}
    options = response_schema(schema, "webauthn/signup_request/", "post", "200")
    assert {"rp", "user", "challenge", "pubKeyCredParams"} <= required(options)


def test_passkey_signup_body_has_required_fields_beside_the_credential(fields):
    schema = generate()
    route = "webauthn/signup/{ukey}/"
    body = request_schema(schema, route)
    # The login name comes from the challenge, never from this body.
    assert properties(body) == {*fields.required, *PASSKEY_CREDENTIAL, "name"}
    assert required(body) >= {"id", "rawId", "type", "response"}
    attestation = component(schema, body["properties"]["response"]["$ref"])
    assert properties(attestation) == {
        "clientDataJSON",
        "attestationObject",
        "transports",
    }
    created = component(schema, response_schema(schema, route, "post", "201")["$ref"])
    assert properties(created) == {fields.username, fields.id, *fields.required}


def test_passkey_signup_errors_name_nested_fields_and_may_be_a_bare_list(fields):
    schema = generate()
    detail, field_errors, bare = error_shapes(schema, "webauthn/signup/{ukey}/", "post")
    assert required(detail) == {"detail"}
    assert properties(field_errors) == {
        *fields.required,
        *PASSKEY_CREDENTIAL,
        "name",
        "non_field_errors",
    }
    # A nested serializer answers messages, or an object of its fields' ones.
    assert field_errors["properties"]["response"]["oneOf"] == [
        BARE_LIST,
        schema_module.NESTED_ERRORS,
    ]
    assert bare == BARE_LIST


def test_passkey_login_takes_the_credential_and_answers_the_token(fields):
    schema = generate()
    assert properties(request_schema(schema, "webauthn/login_request/")) == {
        fields.username
    }
    body = request_schema(schema, "webauthn/login/")
    assert properties(body) == PASSKEY_CREDENTIAL | LOGIN_FIELDS_OF_THE_TOKEN_MODEL
    assertion = component(schema, body["properties"]["response"]["$ref"])
    assert required(assertion) == {"clientDataJSON", "authenticatorData", "signature"}
    token = response_schema(schema, "webauthn/login/", "post", "201")
    assert properties(component(schema, token["$ref"])) == {"auth_token"}
    options = response_schema(schema, "webauthn/login_request/", "post", "200")
    assert "allowCredentials" in properties(options)


def test_passkey_list_and_detail_name_the_passkey_fields():
    schema = generate()
    listed = response_schema(schema, "webauthn/passkeys/", "get", "200")
    assert listed["type"] == "array"
    passkey = component(schema, listed["items"]["$ref"])
    assert properties(passkey) == {"id", "name", "created", "last_used"}
    added = response_schema(schema, "webauthn/passkeys/add/", "post", "201")
    assert added == listed["items"]
    responses = operation(schema, "webauthn/passkeys/{id}/", "delete")["responses"]
    assert "content" not in responses["204"]
    assert {"401", "403", "404"} <= set(responses)
    # The last passkey of an account without a password is refused with a list.
    # A wrong proof of reauthentication names its field.
    shapes = error_shapes(schema, "webauthn/passkeys/{id}/", "delete")
    assert BARE_LIST in shapes
    assert any(
        {"current_password", "code"} <= set(shape.get("properties", {}))
        for shape in shapes
    )


def test_adding_a_passkey_starts_with_at_most_a_proof_of_reauthentication():
    schema = generate()
    route = "webauthn/passkeys/add_request/"
    assert properties(request_schema(schema, route)) == {"current_password", "code"}
    options = response_schema(schema, route, "post", "200")
    assert "excludeCredentials" in properties(options)


def test_social_login_start_takes_redirect_uri_in_the_query():
    schema = generate()
    start = operation(schema, "o/{provider}/", "get")
    assert [(p["name"], p["in"]) for p in start["parameters"]] == [
        ("provider", "path"),
        ("redirect_uri", "query"),
    ]
    answer = component(
        schema, response_schema(schema, "o/{provider}/", "get", "200")["$ref"]
    )
    assert properties(answer) == {"authorization_url"}
    shapes = error_shapes(schema, "o/{provider}/", "get")
    assert properties(shapes[1]) == {"redirect_uri", "non_field_errors"}
    assert BARE_LIST in shapes


def test_social_login_finish_fields_and_token_pair():
    schema = generate()
    body = request_schema(schema, "o/{provider}/")
    assert properties(body) == {"code", "state", "error", "error_description"}
    pair = component(
        schema, response_schema(schema, "o/{provider}/", "post", "201")["$ref"]
    )
    assert properties(pair) == {"access", "refresh", "user"}
    responses = operation(schema, "o/{provider}/", "post")["responses"]
    # No authentication runs there, so the only 401 is the two-factor
    # challenge; an unknown provider is a 404.
    assert {"400", "404"} <= set(responses)
    assert error_shapes(schema, "o/{provider}/", "post", "401") == [
        component(schema, "MFAChallenge")
    ]
    assert BARE_LIST in error_shapes(schema, "o/{provider}/", "post")


def test_device_tokens_list_names_the_token_fields():
    schema = generate()
    listed = response_schema(schema, "tokens/", "get", "200")
    token = component(schema, listed["items"]["$ref"])
    assert properties(token) == {
        "id",
        "prefix",
        "device_name",
        "created",
        "last_used",
        "expires",
        "current",
    }
    assert token["properties"]["current"]["type"] == "boolean"
    revoke = operation(schema, "tokens/{id}/", "delete")
    assert "requestBody" not in revoke
    assert {"204", "401", "403", "404"} == set(revoke["responses"])


def test_logout_all_takes_at_most_a_proof_and_answers_204():
    schema = generate()
    logout_all = operation(schema, "token/logout_all/", "post")
    body = request_schema(schema, "token/logout_all/")
    assert properties(body) == {"current_password", "code"}
    assert "content" not in logout_all["responses"]["204"]


def test_device_tokens_have_a_security_scheme_of_their_own():
    schema = generate()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["tokenAuth"]["name"] == "Authorization"
    assert schemes["deviceTokenAuth"]["name"] == "Authorization"
    assert "dtk_" in schemes["deviceTokenAuth"]["description"]
    security = operation(schema, "tokens/", "get")["security"]
    assert {"deviceTokenAuth": []} in security
    assert {"tokenAuth": []} in security


def test_jwt_blacklist_takes_the_refresh_token_and_may_answer_501():
    schema = generate()
    assert properties(request_schema(schema, "jwt/blacklist/")) == {"refresh"}
    responses = operation(schema, "jwt/blacklist/", "post")["responses"]
    assert {"200", "400", "401", "501"} <= set(responses)


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


@pytest.mark.django_db
def test_the_json_schema_shows_in_a_browser(client):
    browser_accept = "text/html,application/xhtml+xml,*/*;q=0.8"

    response = client.get("/api/schema.json", HTTP_ACCEPT=browser_accept)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert "/auth/users/" in json.loads(response.content)["paths"]


def test_redoc_loads_its_files_from_the_sidecar(client):
    response = client.get("/api/redoc/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in page
    assert finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")
    sources = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert sources
    assert [source for source in sources if "//" in source] == []


EXPECTED_TAGS = {
    "users/": schema_module.ACCOUNTS,
    "users/me/": schema_module.ACCOUNTS,
    "users/activation/": schema_module.ACCOUNTS,
    "token/login/": schema_module.TOKEN_LOGIN,
    "token/logout/": schema_module.TOKEN_LOGIN,
    "jwt/create/": schema_module.JWT,
    "jwt/blacklist/": schema_module.JWT,
    "o/{provider}/": schema_module.SOCIAL,
    "webauthn/login/": schema_module.PASSKEYS,
    "webauthn/passkeys/": schema_module.PASSKEYS,
}


@pytest.mark.parametrize("route", EXPECTED_TAGS)
def test_operations_are_tagged_by_feature(route):
    schema = generate()

    for method, description in schema["paths"][f"/auth/{route}"].items():
        assert description["tags"] == [EXPECTED_TAGS[route]], method


def test_every_operation_of_the_project_has_a_feature_tag():
    features = set(schema_module.TAGS)
    schema = generate()

    tags = {
        tag
        for route, methods in schema["paths"].items()
        if route.startswith("/auth/")
        for description in methods.values()
        for tag in description["tags"]
    }

    assert tags == features


def test_every_described_view_has_a_feature_tag():
    untagged = [
        view_path
        for view_path in schema_module.OPERATIONS
        if schema_module.feature_tag(view_path) is None
    ]

    assert untagged == []


@pytest.mark.parametrize(
    ("view_path", "tag"),
    [
        ("djoser.views.TokenCreateView", schema_module.TOKEN_LOGIN),
        ("djoser.views.UserViewSet", schema_module.ACCOUNTS),
        ("djoser.mfa.views.ConfirmView", schema_module.TWO_FACTOR),
        ("myproject.views.SomethingElse", None),
    ],
)
def test_the_feature_tag_comes_from_the_longest_matching_prefix(view_path, tag):
    assert schema_module.feature_tag(view_path) == tag


def test_an_operation_tag_overrides_its_views(monkeypatch):
    actions = schema_module.OPERATIONS["djoser.views.UserViewSet"]
    activation = dataclasses.replace(
        actions["activation"], tag=schema_module.EMAIL_CHANGE
    )
    monkeypatch.setitem(actions, "activation", activation)

    schema = generate()

    assert operation(schema, "users/activation/", "post")["tags"] == [
        schema_module.EMAIL_CHANGE
    ]


def test_email_change_asks_for_the_new_address_and_the_password(
    fields, djoser_settings
):
    djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)
    schema = generate()
    body = request_schema(schema, "users/me/email/")
    assert properties(body) == {f"new_{fields.email}", "current_password"}
    responses = operation(schema, "users/me/email/", "post")["responses"]
    assert "content" not in responses["202"]
    assert {"400", "401", "403", "429"} <= set(responses)


def test_email_change_confirm_takes_uid_and_token_and_answers_204():
    schema = generate()
    assert properties(request_schema(schema, "users/me/email/confirm/")) == {
        "uid",
        "token",
    }
    responses = operation(schema, "users/me/email/confirm/", "post")["responses"]
    assert "content" not in responses["204"]
    assert "403" not in responses
    shapes = error_shapes(schema, "users/me/email/confirm/", "post")
    assert {"type": "array", "items": {"type": "string"}} in shapes


@pytest.mark.parametrize(
    ("route", "method"), [("mfa/totp/", "delete"), ("mfa/recovery_codes/", "post")]
)
def test_reauthentication_documents_its_rate_limit(route, method):
    # Wrong passwords or codes there count against THROTTLE_RATES["mfa_verify"].
    responses = operation(generate(), route, method)["responses"]

    assert "429" in responses


# Rules over every operation of the generated schema. An endpoint merged
# later without a row in djoser.schema.OPERATIONS fails here, and the message
# names what to add.

DECLARED_OPERATION_IDS = {
    row.operation_id
    for rows in schema_module.OPERATIONS.values()
    for row in rows.values()
}
READABLE_ID = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


def is_declared(operation_id):
    """A declared id, or the browser client's form of one (djoser.browser.schema)."""
    if operation_id == browser_schema.CSRF_OPERATION_ID:
        return True
    app_client_id = operation_id.removeprefix(browser_schema.OPERATION_ID_PREFIX)
    return app_client_id in DECLARED_OPERATION_IDS


def every_operation(schema):
    for route, methods in schema["paths"].items():
        for method, description in methods.items():
            yield f"{method.upper()} {route}", description


def test_declared_operation_ids_are_unique_and_readable():
    declared = [
        row.operation_id
        for rows in schema_module.OPERATIONS.values()
        for row in rows.values()
    ]

    assert len(declared) == len(set(declared))
    assert [i for i in declared if not READABLE_ID.fullmatch(i)] == []


@pytest.mark.parametrize("retype", [False, True])
def test_every_operation_has_its_declared_operation_id(djoser_settings, retype):
    if retype:
        djoser_settings(**RETYPE_SETTINGS)

    undeclared = [
        f"{name}: {description['operationId']}"
        for name, description in every_operation(generate())
        if not is_declared(description["operationId"])
    ]

    assert undeclared == [], "add a row with its operation_id to OPERATIONS"


def test_stable_operation_ids_for_the_main_flows(fields):
    schema = generate()

    ids = {name: d["operationId"] for name, d in every_operation(schema)}

    assert ids["POST /auth/users/"] == "users_create"
    assert ids["POST /auth/token/login/"] == "token_login"
    assert ids["POST /auth/jwt/create/"] == "jwt_create"
    assert ids["POST /auth/mfa/verify/"] == "mfa_verify"
    assert ids["POST /auth/users/me/email/confirm/"] == "email_change_confirm"
    # The login field names the path, never the id.
    assert ids[f"POST /auth/users/set_{fields.username}/"] == "users_set_username"


def test_every_operation_has_a_summary_written_for_api_users():
    for name, description in every_operation(generate()):
        summary = description.get("summary", "")
        assert summary and summary[0].isupper(), name
        assert not summary.endswith("."), name


def code_docstrings():
    """Every docstring of djoser's modules and of the views it builds on."""
    modules = [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(djoser.__path__, "djoser.")
        if not info.name.endswith(("migrations", "tests"))
        and ".migrations." not in info.name
        and ".management." not in info.name
    ]
    modules += [rest_framework.views, rest_framework.generics]
    modules.append(importlib.import_module("rest_framework_simplejwt.views"))
    docstrings = set()
    for module in modules:
        for _, value in inspect.getmembers(module):
            members = [value]
            if inspect.isclass(value):
                members += [member for _, member in inspect.getmembers(value)]
            for member in members:
                if inspect.isclass(member) or inspect.isfunction(member):
                    doc = inspect.getdoc(member)
                    if doc:
                        docstrings.add(" ".join(doc.split()))
    return docstrings


def test_no_description_is_a_code_docstring():
    docstrings = code_docstrings()
    assert "simplejwt's, parsing as every djoser view does." in docstrings

    published = [
        name
        for name, description in every_operation(generate())
        if " ".join(description.get("description", "").split()) in docstrings
    ]

    assert published == []


def test_no_component_describes_itself_with_a_code_docstring():
    # drf-spectacular describes a serializer's component with its docstring,
    # written for the code's readers ("sets self.user"): generated clients
    # would carry it into their doc comments.
    docstrings = code_docstrings()
    schema = generate()

    published = [
        name
        for name, component in schema["components"]["schemas"].items()
        if " ".join(component.get("description", "").split()) in docstrings
    ]

    assert published == []


def test_a_projects_own_serializer_keeps_its_description(djoser_settings):
    djoser_settings(
        SERIALIZERS={"user_create": "tests.serializers_for_tests.DescribedUserCreate"}
    )

    body = request_schema(generate(), "users/")

    assert body["description"] == "Our own sign-up form."


def test_every_tag_is_declared_and_listed_in_order():
    schema = generate()

    used = {
        tag for _, description in every_operation(schema) for tag in description["tags"]
    }

    assert used <= set(schema_module.TAGS)
    assert all(tag == tag.lower() for tag in schema_module.TAGS)
    assert list(schema_module.TAGS)[0] == schema_module.ACCOUNTS
    # The project's POSTPROCESSING_HOOKS has djoser.schema.order_tags.
    assert [tag["name"] for tag in schema["tags"]] == [
        tag for tag in schema_module.TAGS if tag in used
    ]
    assert all(tag["description"] for tag in schema["tags"])


def test_order_tags_keeps_the_projects_own_tags_after_djosers():
    result = {
        "paths": {"/x/": {"get": {"tags": ["jwt"]}, "post": {"tags": ["mine"]}}},
        "tags": [{"name": "mine", "description": "Ours."}],
    }

    schema_module.order_tags(result, None, None, True)

    assert [tag["name"] for tag in result["tags"]] == ["jwt", "mine"]


def test_request_bodies_are_json_only_by_default():
    bodies = {
        name: set(description["requestBody"]["content"])
        for name, description in every_operation(generate())
        if "requestBody" in description
    }

    assert bodies
    assert {
        name for name, types in bodies.items() if types != {"application/json"}
    } == set()


def test_schema_form_bodies_lists_form_and_multipart_too(djoser_settings):
    djoser_settings(SCHEMA_FORM_BODIES=True)

    body = operation(generate(), "users/", "post")["requestBody"]

    assert set(body["content"]) == {
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }


def test_every_401_names_its_challenge_header_and_every_429_its_delay(
    djoser_settings,
):
    djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)
    schema = generate()

    for name, description in every_operation(schema):
        responses = description["responses"]
        if "401" in responses:
            assert "WWW-Authenticate" in responses["401"]["headers"], name
        if "429" in responses:
            assert "Retry-After" in responses["429"]["headers"], name
            throttled = responses["429"]["content"]["application/json"]["schema"]
            assert throttled == {"$ref": "#/components/schemas/Throttled"}, name


def test_login_401_is_the_challenge_or_an_error_detail():
    schema = generate()

    for route in ("token/login/", "jwt/create/"):
        shapes = response_schema(schema, route, "post", "401")["oneOf"]
        assert shapes == [
            {"$ref": "#/components/schemas/MFAChallenge"},
            {"$ref": "#/components/schemas/ErrorDetail"},
        ]


def test_email_change_undo_has_a_summary_of_its_own():
    schema = generate()

    undo = operation(schema, "users/me/email/undo/", "post")
    confirm = operation(schema, "users/me/email/confirm/", "post")

    assert undo["operationId"] == "email_change_undo"
    assert undo["summary"] != confirm["summary"]
    assert "Undo" in undo["summary"]


def test_public_operations_list_no_security_scheme():
    schema = generate()

    for route in ("users/", "token/login/", "jwt/create/", "mfa/verify/"):
        assert "security" not in operation(schema, route, "post"), route
    security = operation(schema, "users/me/", "get")["security"]
    assert {"tokenAuth": []} in security
    assert {} not in security


def test_the_challenge_is_not_documented_without_djoser_mfa(settings):
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "djoser.mfa"]

    schema = generate([path("auth/", include("djoser.urls.authtoken"))])

    unauthorized = response_schema(schema, "token/login/", "post", "401")
    assert unauthorized == {"$ref": "#/components/schemas/ErrorDetail"}
    assert "MFAChallenge" not in schema["components"]["schemas"]


def test_a_row_documents_more_answers_as_pairs_or_answers(monkeypatch):
    actions = schema_module.OPERATIONS["djoser.views.UserViewSet"]
    activation = dataclasses.replace(
        actions["activation"],
        errors=(
            (409, "A pair: its body is {detail}."),
            schema_module.Answer(
                410, "A serializer's body.", schema=f"{__name__}.GoneSerializer"
            ),
        ),
    )
    monkeypatch.setitem(actions, "activation", activation)

    schema = generate()

    responses = operation(schema, "users/activation/", "post")["responses"]
    assert response_schema(schema, "users/activation/", "post", "409") == {
        "$ref": "#/components/schemas/ErrorDetail"
    }
    assert responses["410"]["description"] == "A serializer's body."
    gone = resolved(schema, response_schema(schema, "users/activation/", "post", "410"))
    assert properties(gone) == {"gone_since"}


class GoneSerializer(serializers.Serializer):
    gone_since = serializers.DateTimeField()


def test_rates_from_throttle_rates_document_the_503_of_a_cache_outage(
    djoser_settings,
):
    djoser_settings(THROTTLE_RATES=RECOMMENDED_THROTTLE_RATES)
    schema = generate()
    responses = operation(schema, "users/reset_password/", "post")["responses"]
    assert "THROTTLE_CACHE_OUTAGE" in responses["503"]["description"]
    assert "503" not in operation(schema, "users/me/", "get")["responses"]
    assert "503" in operation(schema, "mfa/verify/", "post")["responses"]


@pytest.mark.parametrize(
    "route,status",
    [
        ("token/login/", "200"),
        ("jwt/create/", "200"),
        ("webauthn/login/", "201"),
        ("o/{provider}/", "201"),
        ("mfa/verify/", "200"),
    ],
)
def test_logins_document_the_device_proof_headers(route, status):
    login = operation(generate(), route, "post")

    [parameter] = [p for p in login["parameters"] if p["name"] == "Device-Proof"]
    assert parameter["in"] == "header"
    assert parameter["schema"] == {"type": "string"}
    assert not parameter.get("required", False)
    answered = login["responses"][status]["headers"]["Device-Proof"]
    assert answered["schema"] == {"type": "string"}


def test_other_operations_document_no_device_proof():
    other = operation(generate(), "users/reset_password/", "post")

    assert "Device-Proof" not in str(other)


def test_turning_two_factor_on_still_requires_the_apps_code():
    body = request_schema(generate(), "mfa/totp/")

    assert properties(body) == {"code", "current_password"}
    assert required(body) == {"code"}
