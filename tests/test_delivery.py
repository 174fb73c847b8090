"""djoser.delivery: every email sent in the request and through a task worker.

The task path runs on the database task backend (see tests/settings.py) and
its real ``db_worker`` command, so each message is rebuilt and rendered from
the JSON the request stored. Its tests run in real transactions: the request
enqueues once its transaction commits. Failing transports are a small SMTP
server on 127.0.0.1 that refuses or drops messages, or a closed port.
"""

import io
import json
import re
import signal
import socket
import sys
from email import message_from_bytes, policy
from types import SimpleNamespace

import django
import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.tokens import default_token_generator
from django.core import checks
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from djoser.compat import get_user_email
from djoser.conf import settings as djoser_conf
from djoser.email import PasswordResetEmail
from djoser.tasks import deliver_email
from tests.conftest import NEW_PASSWORD, PASSWORD
from tests.helpers import link_in

TASK_BACKEND = "default"
UNKNOWN_ADDRESS = "nobody-here@example.com"

# The route users register at.
REGISTRATION = "user-list"

PATHS = [
    pytest.param("request", id="in-request"),
    pytest.param(
        "task", id="task-worker", marks=pytest.mark.django_db(transaction=True)
    ),
]

# The signals db_worker takes over to stop gracefully; given back afterwards.
WORKER_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


class ProjectPasswordResetEmail(PasswordResetEmail):
    """An EMAIL override, as a project would write one."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["site_name"] = "Project Site"
        return context


def run_worker():
    """Run the database backend's worker until no task is ready."""
    handlers = {number: signal.getsignal(number) for number in WORKER_SIGNALS}
    try:
        call_command(
            "db_worker",
            batch=True,
            startup_delay=False,
            reload=False,
            interval=0,
            verbosity=1,
            stdout=io.StringIO(),
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


class Delivery:
    """One delivery path as a test drives it.

    ``deliver()`` runs the task worker (the request path has none), after
    checking that the requests on the task path sent nothing themselves, and
    returns every message Django's mail backend has sent so far.
    """

    def __init__(self, name, outbox):
        self.name = name
        self.outbox = outbox

    def deliver(self):
        if self.name == "task":
            assert self.outbox == [], "a request on the task path sent mail"
            run_worker()
        return list(self.outbox)


@pytest.fixture(params=PATHS)
def delivery(request, db, djoser_settings, mailoutbox):
    if request.param == "task":
        djoser_settings(EMAIL_TASK_BACKEND=TASK_BACKEND)
    return Delivery(request.param, mailoutbox)


def registration_data(fields):
    return {**fields.values(), "password": PASSWORD}


def registered_user(fields, data):
    return fields.model._default_manager.get(**{fields.username: data[fields.username]})


def address_of(fields, user):
    return {fields.email: get_user_email(user)}


def post(client, route, data):
    return client.post(reverse(route), data, format="json")


class TestEveryEmailOnBothPaths:
    def test_activation_link_activates_the_new_account(
        self, delivery, api_client, fields, djoser_settings
    ):
        djoser_settings(SEND_ACTIVATION_EMAIL=True)
        data = registration_data(fields)

        assert post(api_client, REGISTRATION, data).status_code == 201
        (message,) = delivery.deliver()

        user = registered_user(fields, data)
        assert message.to == [get_user_email(user)]
        uid, token = link_in(message, djoser_conf.ACTIVATION_URL)
        response = post(api_client, "user-activation", {"uid": uid, "token": token})
        assert response.status_code == 204
        user.refresh_from_db()
        assert user.is_active

    def test_confirmation_goes_to_the_new_user(
        self, delivery, api_client, fields, djoser_settings
    ):
        djoser_settings(SEND_CONFIRMATION_EMAIL=True)
        data = registration_data(fields)

        post(api_client, REGISTRATION, data)
        (message,) = delivery.deliver()

        assert message.to == [get_user_email(registered_user(fields, data))]
        assert message.subject

    def test_resent_activation_link_activates_the_account(
        self, delivery, api_client, fields, inactive_user, djoser_settings
    ):
        djoser_settings(SEND_ACTIVATION_EMAIL=True)

        post(api_client, "user-resend-activation", address_of(fields, inactive_user))
        (message,) = delivery.deliver()

        assert message.to == [get_user_email(inactive_user)]
        uid, token = link_in(message, djoser_conf.ACTIVATION_URL)
        response = post(api_client, "user-activation", {"uid": uid, "token": token})
        assert response.status_code == 204
        inactive_user.refresh_from_db()
        assert inactive_user.is_active

    def test_password_reset_link_sets_the_new_password(
        self, delivery, api_client, fields, user
    ):
        post(api_client, "user-reset-password", address_of(fields, user))
        (message,) = delivery.deliver()

        assert message.to == [get_user_email(user)]
        uid, token = link_in(message, djoser_conf.PASSWORD_RESET_CONFIRM_URL)
        response = post(
            api_client,
            "user-reset-password-confirm",
            {"uid": uid, "token": token, "new_password": NEW_PASSWORD},
        )
        assert response.status_code == 204
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)

    def test_password_changed_confirmation_goes_to_the_user(
        self, delivery, client_for, user, djoser_settings
    ):
        djoser_settings(PASSWORD_CHANGED_EMAIL_CONFIRMATION=True)

        response = post(
            client_for(user),
            "user-set-password",
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        )
        (message,) = delivery.deliver()

        assert response.status_code == 204
        assert message.to == [get_user_email(user)]

    def test_username_changed_confirmation_goes_to_the_user(
        self, delivery, client_for, fields, user, djoser_settings
    ):
        djoser_settings(USERNAME_CHANGED_EMAIL_CONFIRMATION=True)
        new_name = fields.values()[fields.username]

        response = post(
            client_for(user),
            "user-set-username",
            {f"new_{fields.username}": new_name, "current_password": PASSWORD},
        )
        (message,) = delivery.deliver()

        assert response.status_code == 204
        user.refresh_from_db()
        assert message.to == [get_user_email(user)]

    def test_username_reset_link_sets_the_new_username(
        self, delivery, api_client, fields, user
    ):
        new_name = fields.values()[fields.username]

        post(api_client, "user-reset-username", address_of(fields, user))
        (message,) = delivery.deliver()

        assert message.to == [get_user_email(user)]
        uid, token = link_in(message, djoser_conf.USERNAME_RESET_CONFIRM_URL)
        response = post(
            api_client,
            "user-reset-username-confirm",
            {"uid": uid, "token": token, f"new_{fields.username}": new_name},
        )
        assert response.status_code == 204
        user.refresh_from_db()
        assert getattr(user, fields.username) == new_name

    def test_a_project_email_class_renders_its_own_context(
        self, delivery, api_client, fields, user, djoser_settings
    ):
        djoser_settings(
            EMAIL={"password_reset": "tests.test_delivery.ProjectPasswordResetEmail"}
        )

        post(api_client, "user-reset-password", address_of(fields, user))
        (message,) = delivery.deliver()

        assert "Project Site" in message.subject
        link_in(message, djoser_conf.PASSWORD_RESET_CONFIRM_URL)

    def test_a_secure_request_makes_https_links(
        self, delivery, api_client, fields, user
    ):
        api_client.post(
            reverse("user-reset-password"),
            address_of(fields, user),
            format="json",
            secure=True,
        )
        (message,) = delivery.deliver()

        assert "https://testserver/" in message.body


@pytest.mark.django_db(transaction=True)
class TestTaskPath:
    @pytest.fixture(autouse=True)
    def task_path(self, djoser_settings):
        djoser_settings(EMAIL_TASK_BACKEND=TASK_BACKEND)

    def test_the_request_sends_nothing_and_enqueues_one_task(
        self, api_client, fields, user, mailoutbox
    ):
        response = post(api_client, "user-reset-password", address_of(fields, user))

        assert response.status_code == 204
        assert mailoutbox == []
        assert DBTaskResult.objects.count() == 1

    def test_task_arguments_are_json_with_the_request_context_and_no_token(
        self, api_client, fields, user
    ):
        post(api_client, "user-reset-password", address_of(fields, user))

        kwargs = DBTaskResult.objects.get().task_result.kwargs
        assert kwargs == {
            "email_class": "djoser.email.PasswordResetEmail",
            "user_pk": str(user.pk),
            "recipients": [get_user_email(user)],
            "context": {
                "domain": "testserver",
                "protocol": "http",
                "site_name": "testserver",
            },
        }
        assert json.loads(json.dumps(kwargs)) == kwargs
        # The worker makes the token: the queue never stores one.
        assert default_token_generator.make_token(user) not in json.dumps(kwargs)

    def test_the_worker_task_renders_the_email_from_json_arguments(
        self, api_client, fields, user, mailoutbox
    ):
        post(api_client, "user-reset-password", address_of(fields, user))
        stored = DBTaskResult.objects.get().task_result.kwargs

        deliver_email.call(**json.loads(json.dumps(stored)))

        (message,) = mailoutbox
        assert message.to == [get_user_email(user)]
        uid, token = link_in(message, djoser_conf.PASSWORD_RESET_CONFIRM_URL)
        assert default_token_generator.check_token(user, token)

    def test_an_unknown_address_enqueues_a_task_that_sends_nothing(
        self, api_client, fields, user, mailoutbox
    ):
        post(api_client, "user-reset-password", {fields.email: UNKNOWN_ADDRESS})
        run_worker()

        task = DBTaskResult.objects.get()
        assert task.task_result.kwargs["user_pk"] is None
        assert task.status == "SUCCESSFUL"
        assert mailoutbox == []

    def test_the_worker_skips_a_user_deleted_after_the_request(
        self, api_client, fields, user, mailoutbox
    ):
        post(api_client, "user-reset-password", address_of(fields, user))
        user.delete()
        run_worker()

        assert DBTaskResult.objects.get().status == "SUCCESSFUL"
        assert mailoutbox == []

    def test_the_frontend_settings_apply_on_the_worker(
        self, api_client, fields, user, mailoutbox, djoser_settings
    ):
        djoser_settings(EMAIL_FRONTEND_DOMAIN="app.example.com")

        post(api_client, "user-reset-password", address_of(fields, user))
        run_worker()

        assert "http://app.example.com/" in mailoutbox[0].body


def test_a_message_that_cannot_be_rendered_fails_without_a_500(
    delivery, api_client, fields, user, djoser_settings, caplog
):
    # No link format: the message cannot be rendered.
    djoser_settings(PASSWORD_RESET_CONFIRM_URL=None)

    response = post(api_client, "user-reset-password", address_of(fields, user))
    sent = delivery.deliver()

    assert response.status_code == 204
    assert sent == []
    if delivery.name == "task":
        assert DBTaskResult.objects.get().status == "FAILED"
    else:
        assert [r.name for r in caplog.records if r.levelname == "ERROR"] == [
            "djoser.delivery"
        ]


# action: (route, DJOSER keys it needs, is the known account active?)
ADDRESS_ACTIONS = {
    "reset_password": ("user-reset-password", {}, True),
    "reset_username": ("user-reset-username", {}, True),
    "resend_activation": (
        "user-resend-activation",
        {"SEND_ACTIVATION_EMAIL": True},
        False,
    ),
}

# Each statement's verb and the first table it names.
STATEMENT_SHAPE = re.compile(r'^\s*(\w+).*?\b(?:FROM|INTO|UPDATE)\s+"?(\w+)', re.S)


def statement_shapes(queries):
    shapes = []
    for query in queries:
        match = STATEMENT_SHAPE.match(query["sql"])
        shapes.append(match.groups() if match else query["sql"].split()[0])
    return shapes


@pytest.mark.parametrize("action", ADDRESS_ACTIONS)
class TestKnownAndUnknownAddresses:
    @pytest.fixture
    def send(self, action, api_client, fields, make_user, djoser_settings):
        """``send(known)``: post the action for a known or an unknown address."""
        route, keys, active = ADDRESS_ACTIONS[action]
        djoser_settings(**keys)
        account = make_user(is_active=active)

        def send(known):
            address = get_user_email(account) if known else UNKNOWN_ADDRESS
            return post(api_client, route, {fields.email: address})

        return send

    def test_answers_are_byte_identical(self, delivery, send):
        known, unknown = send(known=True), send(known=False)

        assert known.status_code == unknown.status_code == 204
        assert known.serialize() == unknown.serialize()
        assert len(delivery.deliver()) == 1

    @pytest.mark.django_db(transaction=True)
    def test_the_task_path_does_the_same_work_either_way(self, send, djoser_settings):
        djoser_settings(EMAIL_TASK_BACKEND=TASK_BACKEND)

        with CaptureQueriesContext(connection) as known:
            send(known=True)
        with CaptureQueriesContext(connection) as unknown:
            send(known=False)

        assert statement_shapes(known) == statement_shapes(unknown)
        assert DBTaskResult.objects.count() == 2


class SMTPServer:
    """A mail server on 127.0.0.1 that accepts, refuses or drops messages.

    ``mode`` is "accept" (keep the message in ``received``), "refuse"
    (answer 554 to its data) or "drop" (hang up instead of answering).
    """

    def __init__(self):
        self.mode = "accept"
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "refuse":
            return "554 5.7.1 Message refused"
        if self.mode == "drop":
            server.transport.close()
            return "421 4.3.0 Closing"
        self.received.append(message_from_bytes(envelope.content, policy=policy.SMTP))
        return "250 2.0.0 Accepted"

    def text_of(self, message):
        """The message's plain-text part, shaped as ``link_in`` reads it."""
        return SimpleNamespace(body=message.get_body(("plain",)).get_content())


class LocalController(Controller):
    """aiosmtpd's controller on a port the system picks."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def closed_port():
    """A port on 127.0.0.1 that nothing listens on: connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def point_mail_at(settings, port):
    """Make Django's SMTP backend the mail backend, talking to ``port``."""
    backend = "django.core.mail.backends.smtp.EmailBackend"
    if django.VERSION >= (6, 1):
        settings.MAILERS = {
            "default": {
                "BACKEND": backend,
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
            }
        }
    else:
        settings.EMAIL_BACKEND = backend
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp_server(settings):
    """A running ``SMTPServer``; ``fail(how)`` and ``recover()`` switch it."""
    server = SMTPServer()
    controller = LocalController(server, hostname="127.0.0.1", port=0)
    controller.start()

    def fail(how):
        if how == "closed":
            point_mail_at(settings, closed_port())
        else:
            server.mode = how

    def recover():
        server.mode = "accept"
        point_mail_at(settings, controller.port)

    server.fail, server.recover = fail, recover
    recover()
    yield server
    controller.stop()


FAILURES = ["refuse", "drop", "closed"]


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failing_mail_server_leaves_a_registration_that_resend_recovers(
    failure, delivery, smtp_server, api_client, fields, djoser_settings, caplog
):
    djoser_settings(SEND_ACTIVATION_EMAIL=True)
    data = registration_data(fields)
    smtp_server.fail(failure)

    response = post(api_client, REGISTRATION, data)
    delivery.deliver()

    assert response.status_code == 201
    user = registered_user(fields, data)
    assert not user.is_active
    if delivery.name == "task":
        assert DBTaskResult.objects.get().status == "FAILED"
    else:
        assert [r.name for r in caplog.records if r.levelname == "ERROR"] == [
            "djoser.delivery"
        ]

    smtp_server.recover()
    response = post(api_client, "user-resend-activation", address_of(fields, user))
    delivery.deliver()

    assert response.status_code == 204
    (message,) = smtp_server.received
    uid, token = link_in(smtp_server.text_of(message), djoser_conf.ACTIVATION_URL)
    response = post(api_client, "user-activation", {"uid": uid, "token": token})
    assert response.status_code == 204
    user.refresh_from_db()
    assert user.is_active


FAILING_DELIVERIES = [
    pytest.param("smtp", id="smtp-refuses"),
    pytest.param(
        "queue",
        id="queue-unavailable",
        marks=pytest.mark.django_db(transaction=True),
    ),
]


@pytest.fixture(params=FAILING_DELIVERIES)
def failing_delivery(request, db, djoser_settings, caplog):
    """Sending in the request to a refusing server, or enqueueing on no backend.

    Returns the names of the loggers that reported an error so far.
    """
    if request.param == "smtp":
        request.getfixturevalue("smtp_server").fail("refuse")
    else:
        djoser_settings(EMAIL_TASK_BACKEND="no-such-backend")
    return lambda: [r.name for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize(
    "flow",
    [
        "activation",
        "set_password",
        "reset_password_confirm",
        "set_username",
        "reset_username_confirm",
    ],
    indirect=True,
)
def test_a_change_is_saved_and_answered_when_its_email_fails(
    flow, failing_delivery, djoser_settings
):
    djoser_settings(**{flow.email_setting: True})

    response = flow.post()

    assert response.status_code == 204
    flow.user.refresh_from_db()
    assert flow.user.is_active
    if flow.holds is not None:
        assert flow.has_new_value()
    assert failing_delivery() == ["djoser.delivery"]


@pytest.mark.parametrize(
    ("action", "keys"),
    [
        pytest.param(REGISTRATION, {"SEND_ACTIVATION_EMAIL": True}, id="activation"),
        pytest.param(
            REGISTRATION, {"SEND_CONFIRMATION_EMAIL": True}, id="confirmation"
        ),
    ],
)
def test_registration_answers_201_when_its_email_fails(
    action, keys, failing_delivery, api_client, fields, djoser_settings
):
    djoser_settings(**keys)
    data = registration_data(fields)

    response = post(api_client, action, data)

    assert response.status_code == 201
    assert registered_user(fields, data)
    assert failing_delivery() == ["djoser.delivery"]


@pytest.mark.parametrize("action", ADDRESS_ACTIONS)
def test_an_address_action_answers_204_when_its_email_fails(
    action, failing_delivery, api_client, fields, make_user, djoser_settings
):
    route, keys, active = ADDRESS_ACTIONS[action]
    djoser_settings(**keys)
    account = make_user(is_active=active)

    response = post(api_client, route, address_of(fields, account))

    assert response.status_code == 204
    assert failing_delivery() == ["djoser.delivery"]


def delivery_check_ids():
    return [
        message.id
        for message in checks.run_checks()
        if message.id.startswith("djoser.delivery")
    ]


class TestSystemCheck:
    def test_the_request_path_needs_nothing(self):
        assert delivery_check_ids() == []

    def test_a_backend_of_the_tasks_setting_passes(self, djoser_settings):
        djoser_settings(EMAIL_TASK_BACKEND=TASK_BACKEND)

        assert delivery_check_ids() == []

    def test_an_unknown_task_backend_is_an_error(self, djoser_settings):
        djoser_settings(EMAIL_TASK_BACKEND="no-such-backend")

        assert delivery_check_ids() == ["djoser.delivery.E002"]

    def test_a_missing_tasks_framework_is_an_error(self, djoser_settings, monkeypatch):
        djoser_settings(EMAIL_TASK_BACKEND=TASK_BACKEND)
        # As on Django 4.2 or 5.2 without the django-tasks package.
        monkeypatch.setitem(sys.modules, "djoser.tasks", None)

        assert delivery_check_ids() == ["djoser.delivery.E001"]
