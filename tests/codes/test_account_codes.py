"""Activation and password reset by an emailed code instead of a link."""

import pytest
from django.urls import reverse

from djoser.codes.models import EmailCode
from djoser.signals import user_tokens_revoked
from djoser.utils import encode_uid
from tests.codes.conftest import code_in
from tests.conftest import NEW_PASSWORD, PASSWORD
from tests.token_models import is_stored, issue_token

pytestmark = pytest.mark.django_db

INVALID = {"code": ["This code is wrong or has expired."]}


@pytest.fixture
def activation_by_code(djoser_settings):
    djoser_settings(SEND_ACTIVATION_EMAIL=True, CODES={"ACTIVATION": True})


@pytest.fixture
def reset_by_code(djoser_settings):
    djoser_settings(CODES={"PASSWORD_RESET": True})


def _register(api_client, fields):
    data = {**fields.values(), "password": PASSWORD}
    response = api_client.post(reverse("user-list"), data, format="json")
    assert response.status_code == 201
    return fields.model._default_manager.get(**{fields.email: data[fields.email]})


def _activate(api_client, **body):
    return api_client.post(reverse("user-activation-code"), body, format="json")


def _reset(api_client, **body):
    return api_client.post(reverse("user-reset-password-code"), body, format="json")


def test_activation_email_carries_a_code_and_no_link(
    api_client, activation_by_code, fields, mailoutbox
):
    _register(api_client, fields)

    [message] = mailoutbox
    assert code_in(message)
    assert "://" not in message.body


def test_activation_by_code_with_the_address(
    api_client, activation_by_code, fields, mailoutbox
):
    user = _register(api_client, fields)

    response = _activate(
        api_client,
        **{fields.email: getattr(user, fields.email)},
        code=code_in(mailoutbox[0]),
    )

    assert response.status_code == 204
    user.refresh_from_db()
    assert user.is_active


def test_activation_by_code_with_the_uid(
    api_client, activation_by_code, fields, mailoutbox
):
    user = _register(api_client, fields)

    response = _activate(
        api_client, uid=encode_uid(user.pk), code=code_in(mailoutbox[0])
    )

    assert response.status_code == 204


def test_activation_code_works_once(api_client, activation_by_code, fields, mailoutbox):
    user = _register(api_client, fields)
    body = {"uid": encode_uid(user.pk), "code": code_in(mailoutbox[0])}
    _activate(api_client, **body)

    response = _activate(api_client, **body)

    assert response.status_code == 400
    assert response.data == INVALID


def test_wrong_activation_code_and_unknown_account_answer_the_same(
    api_client, activation_by_code, fields, mailoutbox
):
    user = _register(api_client, fields)

    wrong = _activate(api_client, uid=encode_uid(user.pk), code="AAAA-AAAA")
    unknown = _activate(
        api_client, **{fields.email: "nobody@example.com"}, code="AAAA-AAAA"
    )
    malformed = _activate(api_client, uid="!!!", code="AAAA-AAAA")

    assert wrong.status_code == unknown.status_code == malformed.status_code == 400
    assert wrong.data == unknown.data == malformed.data == INVALID


def test_resend_activation_ends_the_previous_code(
    api_client, activation_by_code, fields, mailoutbox
):
    user = _register(api_client, fields)
    api_client.post(
        reverse("user-resend-activation"),
        {fields.email: getattr(user, fields.email)},
        format="json",
    )

    assert len(mailoutbox) == 2
    first, second = code_in(mailoutbox[0]), code_in(mailoutbox[1])
    if first != second:
        assert (
            _activate(api_client, uid=encode_uid(user.pk), code=first).data == INVALID
        )
    assert (
        _activate(api_client, uid=encode_uid(user.pk), code=second).status_code == 204
    )


def test_three_wrong_activation_codes_end_it(
    api_client, activation_by_code, fields, mailoutbox
):
    user = _register(api_client, fields)
    uid = encode_uid(user.pk)
    for _ in range(3):
        _activate(api_client, uid=uid, code="AAAA-AAAA")

    assert _activate(api_client, uid=uid, code=code_in(mailoutbox[0])).data == INVALID


def test_activation_code_endpoint_answers_404_while_off(api_client, fields, db):
    assert _activate(api_client, uid="MQ", code="AAAA").status_code == 404


def test_links_stay_while_codes_are_off(
    api_client, djoser_settings, fields, mailoutbox
):
    djoser_settings(
        SEND_ACTIVATION_EMAIL=True, ACTIVATION_URL="#/activate/{uid}/{token}"
    )
    _register(api_client, fields)

    assert "#/activate/" in mailoutbox[0].body
    assert not EmailCode.objects.exists()


def test_password_reset_email_carries_a_code(
    api_client, reset_by_code, user, fields, mailoutbox
):
    api_client.post(
        reverse("user-reset-password"),
        {fields.email: getattr(user, fields.email)},
        format="json",
    )

    [message] = mailoutbox
    assert code_in(message)
    assert "://" not in message.body


def test_password_reset_by_code_sets_the_password_and_revokes_credentials(
    api_client, reset_by_code, user, fields, mailoutbox, signal_calls
):
    revoked = signal_calls(user_tokens_revoked)
    api_client.post(
        reverse("user-reset-password"),
        {fields.email: getattr(user, fields.email)},
        format="json",
    )

    response = _reset(
        api_client,
        **{fields.email: getattr(user, fields.email)},
        code=code_in(mailoutbox[0]),
        new_password=NEW_PASSWORD,
    )

    assert response.status_code == 204
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert [call["user"] for call in revoked] == [user]


def test_password_reset_by_code_deletes_tokens_with_logout_on_password_change(
    api_client, djoser_settings, user, fields, mailoutbox
):
    djoser_settings(CODES={"PASSWORD_RESET": True}, LOGOUT_ON_PASSWORD_CHANGE=True)
    token = issue_token(user)
    api_client.post(
        reverse("user-reset-password"),
        {fields.email: getattr(user, fields.email)},
        format="json",
    )

    _reset(
        api_client,
        uid=encode_uid(user.pk),
        code=code_in(mailoutbox[0]),
        new_password=NEW_PASSWORD,
    )

    assert not is_stored(token)


def test_password_reset_by_code_refuses_a_wrong_code(
    api_client, reset_by_code, user, fields, mailoutbox
):
    api_client.post(
        reverse("user-reset-password"),
        {fields.email: getattr(user, fields.email)},
        format="json",
    )

    response = _reset(
        api_client, uid=encode_uid(user.pk), code="AAAA-AAAA", new_password=NEW_PASSWORD
    )

    assert response.data == INVALID
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_reset_by_code_runs_the_password_validators(
    api_client, reset_by_code, user, fields, mailoutbox, settings
):
    settings.AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}
    ]
    api_client.post(
        reverse("user-reset-password"),
        {fields.email: getattr(user, fields.email)},
        format="json",
    )
    code = code_in(mailoutbox[0])

    response = _reset(api_client, uid=encode_uid(user.pk), code=code, new_password="x")

    assert response.status_code == 400
    assert "new_password" in response.data
    # The code was not tried: it still works with a good password.
    good = _reset(
        api_client, uid=encode_uid(user.pk), code=code, new_password=NEW_PASSWORD
    )
    assert good.status_code == 204


def test_password_reset_by_code_with_retype(
    api_client, djoser_settings, user, fields, mailoutbox
):
    djoser_settings(CODES={"PASSWORD_RESET": True}, PASSWORD_RESET_CONFIRM_RETYPE=True)
    api_client.post(
        reverse("user-reset-password"),
        {fields.email: getattr(user, fields.email)},
        format="json",
    )
    body = {
        "uid": encode_uid(user.pk),
        "code": code_in(mailoutbox[0]),
        "new_password": NEW_PASSWORD,
        "re_new_password": "something-else-3",
    }

    assert _reset(api_client, **body).status_code == 400
    assert (
        _reset(api_client, **{**body, "re_new_password": NEW_PASSWORD}).status_code
        == 204
    )
