"""djoser's emails (SPEC §7): rendering, context, links, sending, pickling."""

import copy
import pickle
from types import SimpleNamespace

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from rest_framework.test import APIRequestFactory

from djoser import utils
from djoser.conf import STATIC_DEFAULTS
from djoser.conf import settings as djoser_settings
from djoser.email import (
    ActivationEmail,
    BaseDjoserEmail,
    BaseEmailMessage,
    ConfirmationEmail,
    PasswordChangedConfirmationEmail,
    PasswordResetEmail,
    UsernameChangedConfirmationEmail,
    UsernameResetEmail,
)
from tests.conftest import PASSWORD

ALL_EMAILS = [
    ActivationEmail,
    ConfirmationEmail,
    PasswordResetEmail,
    PasswordChangedConfirmationEmail,
    UsernameChangedConfirmationEmail,
    UsernameResetEmail,
]

# Emails with a one-time link, and the setting their link is built from.
LINK_EMAILS = [
    (ActivationEmail, "ACTIVATION_URL"),
    (PasswordResetEmail, "PASSWORD_RESET_CONFIRM_URL"),
    (UsernameResetEmail, "USERNAME_RESET_CONFIRM_URL"),
]

# A project template that reads the request the context processors add.
REQUEST_PATH_TEMPLATE = (
    "{% block subject %}Hello{% endblock %}"
    "{% block text_body %}Sent from {{ request.path }}{% endblock %}"
)

email_classes = pytest.mark.parametrize(
    "email_class", ALL_EMAILS, ids=lambda cls: cls.__name__
)


class ProjectActivationEmail(ActivationEmail):
    """An EMAIL override, as a project would write one."""

    def get_context_data(self):
        context = super().get_context_data()
        context["site_name"] = "Project Site"
        return context


@pytest.fixture
def request_for():
    """``request_for(user, secure=False)``: a GET request made by ``user``."""

    def make(user, secure=False):
        request = APIRequestFactory().get("/", secure=secure)
        request.user = user
        return request

    return make


@pytest.fixture
def template_dir(settings, tmp_path):
    """A project template directory, searched before the app templates."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [str(tmp_path), *settings.TEMPLATES[0]["DIRS"]],
        }
    ]

    def write(name, source):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
        return name

    return write


def address_of(fields, user):
    return getattr(user, fields.email)


class TestRendering:
    @email_classes
    def test_subject_is_one_non_empty_line(self, email_class, request_for, user):
        email = email_class(request_for(user), {"user": user})

        email.render()

        assert email.subject.strip()
        assert "\n" not in email.subject

    @email_classes
    def test_message_has_a_text_body_and_an_html_alternative(
        self, email_class, request_for, user
    ):
        email = email_class(request_for(user), {"user": user})

        email.render()

        assert email.body.strip()
        assert "<" not in email.body
        assert [mimetype for _, mimetype in email.alternatives] == ["text/html"]
        assert "<p>" in email.alternatives[0][0]

    @email_classes
    def test_rendering_twice_attaches_one_html_alternative(
        self, email_class, request_for, user
    ):
        email = email_class(request_for(user), {"user": user})

        email.render()
        email.render()

        assert len(email.alternatives) == 1

    @pytest.mark.parametrize(
        ("block", "body", "subtype"),
        [
            pytest.param("html_body", "<p>Only HTML</p>", "html", id="html-only"),
            pytest.param("text_body", "Only text", "plain", id="text-only"),
        ],
    )
    def test_one_body_template_makes_that_body_without_alternative(
        self, template_dir, block, body, subtype
    ):
        name = template_dir(
            f"email/{block}_only.html",
            "{% block subject %}Hi{% endblock %}"
            f"{{% block {block} %}}{body}{{% endblock %}}",
        )
        email = BaseEmailMessage(template_name=name)

        email.render()

        assert email.body == body
        assert email.content_subtype == subtype
        assert email.alternatives == []

    def test_multi_line_subject_is_joined_into_one_line(self, template_dir):
        name = template_dir(
            "email/long_subject.html",
            "{% block subject %}\n  First\n  second \n{% endblock %}"
            "{% block text_body %}Body{% endblock %}",
        )
        email = BaseEmailMessage(template_name=name)

        email.render()

        assert email.subject == "First second"

    def test_project_template_overrides_the_app_template(
        self, template_dir, request_for, user
    ):
        template_dir(
            "email/activation.html",
            "{% block subject %}Project subject{% endblock %}"
            "{% block text_body %}Go to {{ url }}{% endblock %}",
        )
        email = ActivationEmail(request_for(user), {"user": user})

        email.render()

        assert email.subject == "Project subject"
        assert email.body == f"Go to {email.get_context_data()['url']}"

    def test_text_body_is_not_html_escaped(self, djoser_settings, request_for, user):
        djoser_settings(EMAIL_FRONTEND_SITE_NAME="Tom & Jerry's")
        email = ConfirmationEmail(request_for(user), {"user": user})

        email.render()

        assert "Tom & Jerry's" in email.body
        assert "Tom & Jerry's" in email.subject

    def test_html_body_is_html_escaped(self, djoser_settings, request_for, user):
        djoser_settings(EMAIL_FRONTEND_SITE_NAME="Tom & Jerry's")
        email = ConfirmationEmail(request_for(user), {"user": user})

        email.render()

        html = email.alternatives[0][0]
        assert "Tom &amp; Jerry&#x27;s" in html
        assert "Tom & Jerry's" not in html

    def test_username_is_literal_in_text_and_escaped_in_html(
        self, fields, request_for, user
    ):
        setattr(user, fields.username, "o'brien&co")
        email = UsernameChangedConfirmationEmail(request_for(user), {"user": user})

        email.render()

        assert "o'brien&co" in email.body
        assert "o&#x27;brien&amp;co" in email.alternatives[0][0]


class TestSend:
    def test_send_delivers_to_the_given_address(self, mailoutbox, fields, user):
        ConfirmationEmail(context={"user": user}).send([address_of(fields, user)])

        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [address_of(fields, user)]

    def test_send_accepts_a_single_address(self, mailoutbox, fields, user):
        ConfirmationEmail(context={"user": user}).send(address_of(fields, user))

        assert mailoutbox[0].to == [address_of(fields, user)]

    def test_sender_defaults_to_default_from_email(
        self, settings, mailoutbox, fields, user
    ):
        settings.DEFAULT_FROM_EMAIL = "accounts@example.com"

        ConfirmationEmail(context={"user": user}).send([address_of(fields, user)])

        assert mailoutbox[0].from_email == "accounts@example.com"

    def test_send_takes_cc_bcc_reply_to_and_from_email(self, mailoutbox, fields, user):
        ConfirmationEmail(context={"user": user}).send(
            [address_of(fields, user)],
            cc=["cc@example.com"],
            bcc=["bcc@example.com"],
            reply_to=["reply@example.com"],
            from_email="sender@example.com",
        )

        sent = mailoutbox[0]
        assert sent.cc == ["cc@example.com"]
        assert sent.bcc == ["bcc@example.com"]
        assert sent.reply_to == ["reply@example.com"]
        assert sent.from_email == "sender@example.com"
        assert set(sent.recipients()) == {
            address_of(fields, user),
            "cc@example.com",
            "bcc@example.com",
        }

    def test_sent_message_carries_the_rendered_parts(
        self, mailoutbox, fields, request_for, user
    ):
        email = ActivationEmail(request_for(user), {"user": user})
        email.send([address_of(fields, user)])

        sent = mailoutbox[0]
        assert sent.subject == email.subject
        assert sent.body == email.body
        assert sent.alternatives == email.alternatives


@pytest.mark.parametrize(
    "email_class, url_setting",
    LINK_EMAILS,
    ids=lambda value: getattr(value, "__name__", value),
)
class TestLinks:
    def test_url_is_built_from_the_url_setting(
        self, email_class, url_setting, request_for, user
    ):
        context = email_class(request_for(user), {"user": user}).get_context_data()

        url_format = getattr(djoser_settings, url_setting)
        assert context["url"] == url_format.format(
            uid=context["uid"], token=context["token"]
        )

    def test_uid_decodes_to_the_users_pk(
        self, email_class, url_setting, request_for, user
    ):
        context = email_class(request_for(user), {"user": user}).get_context_data()

        assert utils.decode_uid(context["uid"]) == str(user.pk)

    def test_token_is_valid_for_the_user(
        self, email_class, url_setting, request_for, user
    ):
        context = email_class(request_for(user), {"user": user}).get_context_data()

        assert default_token_generator.check_token(user, context["token"])

    def test_unset_url_setting_is_reported_by_name_when_sending(
        self, email_class, url_setting, djoser_settings, request_for, user, mailoutbox
    ):
        djoser_settings(**{url_setting: None})
        email = email_class(request_for(user), {"user": user})

        with pytest.raises(ImproperlyConfigured, match=url_setting):
            email.send(["someone@example.com"])
        assert mailoutbox == []

    def test_unset_url_setting_leaves_the_context_without_a_link(
        self, email_class, url_setting, djoser_settings, request_for, user
    ):
        djoser_settings(**{url_setting: None})

        context = email_class(request_for(user), {"user": user}).get_context_data()

        assert context["url"] == ""
        assert default_token_generator.check_token(user, context["token"])

    def test_changed_url_setting_changes_the_link(
        self, email_class, url_setting, djoser_settings, request_for, user
    ):
        djoser_settings(**{url_setting: "app/{uid}/then/{token}"})

        context = email_class(request_for(user), {"user": user}).get_context_data()

        assert context["url"] == f"app/{context['uid']}/then/{context['token']}"

    def test_full_link_is_in_the_text_body(
        self, email_class, url_setting, request_for, user
    ):
        email = email_class(request_for(user), {"user": user})

        email.render()

        context = email.get_context_data()
        link = f"{context['protocol']}://{context['domain']}/{context['url']}"
        assert link in email.body


class TestContext:
    def test_context_has_domain_protocol_site_name_and_user_from_the_request(
        self, request_for, user
    ):
        request = request_for(user)

        context = ConfirmationEmail(request).get_context_data()

        assert context["domain"] == request.get_host()
        assert context["site_name"] == request.get_host()
        assert context["protocol"] == "http"
        assert context["user"] == user

    def test_secure_request_gives_https(self, request_for, user):
        context = ConfirmationEmail(request_for(user, secure=True)).get_context_data()

        assert context["protocol"] == "https"

    def test_user_given_in_the_context_wins_over_the_request_user(
        self, request_for, user, other_user
    ):
        email = ConfirmationEmail(request_for(other_user), {"user": user})

        assert email.get_context_data()["user"] == user

    def test_django_domain_and_site_name_settings_override_the_site(
        self, settings, request_for, user
    ):
        settings.DOMAIN = "front.example.com"
        settings.SITE_NAME = "Front"

        context = ConfirmationEmail(request_for(user)).get_context_data()

        assert context["domain"] == "front.example.com"
        assert context["site_name"] == "Front"

    def test_email_frontend_settings_override_request_and_django_settings(
        self, settings, djoser_settings, request_for, user
    ):
        settings.DOMAIN = "front.example.com"
        settings.SITE_NAME = "Front"
        djoser_settings(
            EMAIL_FRONTEND_DOMAIN="app.example.com",
            EMAIL_FRONTEND_PROTOCOL="https",
            EMAIL_FRONTEND_SITE_NAME="App",
        )

        context = ConfirmationEmail(request_for(user)).get_context_data()

        assert context["domain"] == "app.example.com"
        assert context["protocol"] == "https"
        assert context["site_name"] == "App"

    def test_email_frontend_settings_apply_to_the_link(
        self, djoser_settings, request_for, user
    ):
        djoser_settings(
            EMAIL_FRONTEND_DOMAIN="app.example.com", EMAIL_FRONTEND_PROTOCOL="https"
        )
        email = ActivationEmail(request_for(user), {"user": user})

        email.render()

        url = email.get_context_data()["url"]
        assert f"https://app.example.com/{url}" in email.body

    def test_patched_get_current_site_feeds_the_context(
        self, monkeypatch, request_for, user
    ):
        monkeypatch.setattr(
            "djoser.email.get_current_site",
            lambda request: SimpleNamespace(domain="patched.example", name="Patched"),
        )

        context = ConfirmationEmail(request_for(user)).get_context_data()

        assert context["domain"] == "patched.example"
        assert context["site_name"] == "Patched"

    def test_djoser_email_context_has_no_view(self, request_for, user):
        context = BaseDjoserEmail(request_for(user)).get_context_data()

        assert "view" not in context

    @email_classes
    def test_context_is_deep_copyable(self, email_class, request_for, user):
        context = email_class(request_for(user), {"user": user}).get_context_data()

        copied = copy.deepcopy(context)

        assert copied.keys() == context.keys()
        assert copied["user"] == user

    def test_subclass_context_reaches_the_template(self, request_for, user):
        email = ProjectActivationEmail(request_for(user), {"user": user})

        email.render()

        assert "Project Site" in email.subject

    def test_template_reads_the_request_through_the_context_processors(
        self, template_dir, user
    ):
        name = template_dir("email/request_path.html", REQUEST_PATH_TEMPLATE)
        request = APIRequestFactory().get("/sent/from/here/")
        request.user = user
        email = BaseDjoserEmail(request, {"user": user}, template_name=name)

        email.render()

        assert email.body == "Sent from /sent/from/here/"


class TestPickling:
    @email_classes
    def test_message_with_a_request_pickles_before_send(
        self, email_class, request_for, user
    ):
        email = email_class(request_for(user), {"user": user})

        restored = pickle.loads(pickle.dumps(email))

        assert restored.request is None
        assert restored.get_context_data()["user"] == user

    @email_classes
    def test_unpickled_message_renders_the_same_subject_and_body(
        self, email_class, request_for, user
    ):
        email = email_class(request_for(user), {"user": user})
        restored = pickle.loads(pickle.dumps(email))

        email.render()
        restored.render()

        assert restored.subject == email.subject
        assert restored.body == email.body
        assert restored.alternatives == email.alternatives

    @email_classes
    def test_message_pickles_after_send(
        self, email_class, mailoutbox, fields, request_for, user
    ):
        email = email_class(request_for(user), {"user": user})
        email.send([address_of(fields, user)])

        restored = pickle.loads(pickle.dumps(email))

        assert restored.subject == email.subject
        assert restored.body == email.body
        assert restored.to == [address_of(fields, user)]

    def test_unpickled_message_renders_a_template_reading_the_request(
        self, template_dir, request_for, user
    ):
        name = template_dir("email/request_path.html", REQUEST_PATH_TEMPLATE)
        email = BaseDjoserEmail(request_for(user), {"user": user}, template_name=name)
        restored = pickle.loads(pickle.dumps(email))

        restored.render()

        assert restored.body == "Sent from"

    def test_unpickled_message_can_be_sent(self, mailoutbox, fields, request_for, user):
        email = pickle.loads(
            pickle.dumps(ConfirmationEmail(request_for(user), {"user": user}))
        )

        email.send([address_of(fields, user)])

        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [address_of(fields, user)]


class TestRegistrationFlow:
    def register(self, api_client, fields):
        body = {**fields.values(), "password": PASSWORD}
        return api_client.post(reverse("user-list"), body, format="json")

    def test_registration_sends_the_email_class_named_in_settings(
        self, db, api_client, djoser_settings, mailoutbox, fields
    ):
        djoser_settings(
            SEND_ACTIVATION_EMAIL=True,
            EMAIL={"activation": "tests.test_email.ProjectActivationEmail"},
        )

        response = self.register(api_client, fields)

        assert response.status_code == 201
        assert len(mailoutbox) == 1
        assert "Project Site" in mailoutbox[0].subject

    def test_registration_activation_email_goes_to_the_new_address(
        self, db, api_client, djoser_settings, mailoutbox, fields
    ):
        djoser_settings(SEND_ACTIVATION_EMAIL=True)

        response = self.register(api_client, fields)

        assert mailoutbox[0].to == [response.data[fields.email]]
        assert [mimetype for _, mimetype in mailoutbox[0].alternatives] == ["text/html"]

    def test_registration_email_template_reads_the_registration_request(
        self, db, api_client, djoser_settings, mailoutbox, fields, template_dir
    ):
        djoser_settings(SEND_ACTIVATION_EMAIL=True)
        template_dir("email/activation.html", REQUEST_PATH_TEMPLATE)

        self.register(api_client, fields)

        assert mailoutbox[0].body == f"Sent from {reverse('user-list')}"


class TestDjoserDefaults:
    """A djoser 2.x suite renders every EMAIL entry with djoser's defaults.

    No link setting is set there (EMAIL_CHANGE_CONFIRM_URL and the others):
    building the context and rendering must work all the same; only sending
    a message whose link is missing fails (and the system checks say so).
    """

    @pytest.fixture(autouse=True)
    def _djoser_defaults(self, settings):
        settings.DJOSER = {}

    @pytest.mark.parametrize("name", list(STATIC_DEFAULTS["EMAIL"]))
    def test_every_email_builds_a_copyable_picklable_context(
        self, name, request_for, user
    ):
        email_class = getattr(djoser_settings.EMAIL, name)

        context = email_class(request_for(user), {"user": user}).get_context_data()

        assert copy.deepcopy(context).keys() == context.keys()
        assert pickle.loads(pickle.dumps(context))["user"] == user

    @pytest.mark.parametrize("name", list(STATIC_DEFAULTS["EMAIL"]))
    def test_every_email_renders(self, name, request_for, user):
        email = getattr(djoser_settings.EMAIL, name)(request_for(user), {"user": user})

        email.render()

        assert email.subject
        assert email.body

    def test_the_email_change_link_is_named_when_sending_it(
        self, request_for, user, mailoutbox
    ):
        email = djoser_settings.EMAIL.email_change(
            request_for(user), {"user": user, "new_address": "new@example.com"}
        )

        with pytest.raises(ImproperlyConfigured, match="EMAIL_CHANGE_CONFIRM_URL"):
            email.send(["new@example.com"])
        assert mailoutbox == []
