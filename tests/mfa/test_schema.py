"""The OpenAPI schema describes every two-factor operation."""

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema


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


def test_passkey_login_documents_the_403_of_staff_without_mfa():
    login = generate()["paths"]["/auth/webauthn/login/"]["post"]
    responses = login["responses"]

    assert "mfa_setup_required" in responses["403"]["description"]
