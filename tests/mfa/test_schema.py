"""The OpenAPI schema describes every two-factor operation."""

import jsonschema
import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from djoser.mfa.login import LOGIN_KIND_FIELD, LOGIN_KINDS
from tests.mfa.conftest import FIRST_STEPS, start_login, verify


def generate():
    return SchemaGenerator().get_schema(request=None, public=True)


def operation(schema, route, method):
    return schema["paths"][f"/auth/mfa/{route}"][method]


def component(schema, operation_, status="200"):
    content = operation_["responses"][status]["content"]["application/json"]
    reference = content["schema"]["$ref"]
    return schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]


def request_component(schema, operation_):
    content = operation_["requestBody"]["content"]["application/json"]
    reference = content["schema"]["$ref"]
    return schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]


def test_every_operation_has_a_two_factor_summary():
    schema = generate()
    for route, methods in {
        "totp/": ["get", "post", "delete"],
        "recovery_codes/": ["get", "post"],
        "verify/": ["post"],
    }.items():
        for method in methods:
            assert operation(schema, route, method)["summary"].startswith("Two-factor:")


def test_enrolment_answers_secret_uri_and_qr_code():
    schema = generate()
    setup = component(schema, operation(schema, "totp/", "get"))
    assert set(setup["properties"]) == {"secret", "otpauth_uri", "qr_svg"}
    turned_on = component(schema, operation(schema, "totp/", "post"), "201")
    assert set(turned_on["properties"]) == {"recovery_codes"}


def test_turning_off_takes_password_or_code():
    schema = generate()
    body = request_component(schema, operation(schema, "totp/", "delete"))
    assert set(body["properties"]) == {"current_password", "code"}


def test_verify_takes_mfa_token_and_code_and_may_answer_429():
    schema = generate()
    verify = operation(schema, "verify/", "post")
    assert set(request_component(schema, verify)["properties"]) == {
        "mfa_token",
        "code",
    }
    assert {"200", "400", "429"} <= set(verify["responses"])


def test_enrolment_operations_need_sign_in():
    schema = generate()
    assert "401" in operation(schema, "totp/", "get")["responses"]
    assert "401" in operation(schema, "recovery_codes/", "post")["responses"]


def test_schema_with_two_factor_is_valid_openapi():
    validate_schema(generate())


def test_every_two_factor_operation_is_tagged_two_factor():
    schema = generate()
    for route in ("totp/", "recovery_codes/", "verify/"):
        for method, description in schema["paths"][f"/auth/mfa/{route}"].items():
            assert description["tags"] == ["two-factor"], (route, method)


# What the code answers, checked against what the schema documents for it:
# generated clients parse these bodies by the schema.


def documented_body(schema, path, method, status):
    """A JSON Schema for the documented body of ``status`` (references resolve)."""
    responses = schema["paths"][path][method]["responses"]
    body = responses[str(status)]["content"]["application/json"]["schema"]
    return {**body, "components": schema["components"]}


def assert_documented(schema, path, method, response):
    body = documented_body(schema, path, method, response.status_code)
    jsonschema.Draft7Validator(body).validate(response.json())


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FIRST_STEPS)
def test_login_challenge_and_second_step_answer_as_documented(
    api_client, fields, enrolled, kind
):
    schema = generate()
    # The routes' trailing slash is optional; the schema writes it.
    first_step = reverse(FIRST_STEPS[kind]).rstrip("/") + "/"

    challenge = start_login(api_client, fields, enrolled.user, kind)

    assert challenge.status_code == 401
    assert challenge["WWW-Authenticate"] == "MFA"
    assert_documented(schema, first_step, "post", challenge)
    challenges = schema["paths"][first_step]["post"]["responses"]["401"]
    assert challenges["headers"]["WWW-Authenticate"]["required"] is True

    answer = verify(api_client, challenge.json()["mfa_token"], enrolled.code())

    assert answer.status_code == 200
    assert_documented(schema, "/auth/mfa/verify/", "post", answer)
    union = documented_body(schema, "/auth/mfa/verify/", "post", 200)
    mapping = union["discriminator"]["mapping"]
    shape = mapping[answer.json()["login"]].rsplit("/", 1)[1]
    jsonschema.Draft7Validator(
        {**schema["components"]["schemas"][shape], "components": {}}
    ).validate(answer.json())


def test_the_second_step_union_names_every_login_kind():
    schema = generate()
    responses = operation(schema, "verify/", "post")["responses"]

    union = responses["200"]["content"]["application/json"]["schema"]
    social = responses["201"]["content"]["application/json"]["schema"]

    documented = set()
    for answer in (union, social):
        assert answer["discriminator"]["propertyName"] == LOGIN_KIND_FIELD
        documented |= set(answer["discriminator"]["mapping"])
    assert documented == set(LOGIN_KINDS)
    assert social["oneOf"] == [{"$ref": "#/components/schemas/MFASocialLogin"}]


def test_the_challenge_is_typed_on_every_login_that_can_ask_for_it():
    schema = generate()

    for path in ("/auth/token/login/", "/auth/jwt/create/", "/auth/o/{provider}/"):
        body = schema["paths"][path]["post"]["responses"]["401"]["content"]
        shapes = body["application/json"]["schema"]
        references = shapes.get("oneOf", [shapes])
        assert {"$ref": "#/components/schemas/MFAChallenge"} in references, path
    challenge = schema["components"]["schemas"]["MFAChallenge"]
    assert set(challenge["required"]) == {"mfa_required", "mfa_token", "methods"}


def test_passkey_login_documents_the_403_of_staff_without_mfa():
    login = generate()["paths"]["/auth/webauthn/login/"]["post"]

    assert "mfa_setup_required" in login["responses"]["403"]["description"]
