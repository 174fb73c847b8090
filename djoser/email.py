"""The messages djoser sends, each rendered from one template.

A template fills up to three blocks: ``subject``, ``text_body`` and
``html_body``. A message is picklable (the request is dropped and every
value the template needs is in its context), so it can be handed to a
queue and rendered elsewhere.
"""

from django.conf import settings as django_settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.template.context import make_context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.views.generic.base import ContextMixin

from djoser import utils
from djoser.conf import settings


class BaseEmailMessage(mail.EmailMultiAlternatives, ContextMixin):
    template_name = None

    # Template block -> attribute of the message it fills.
    template_blocks = {"subject": "subject", "text_body": "body", "html_body": "html"}

    def __init__(self, request=None, context=None, template_name=None, **kwargs):
        super().__init__(**kwargs)
        self.request = request
        self.context = {} if context is None else dict(context)
        self.html = None
        if template_name is not None:
            self.template_name = template_name
        if request is not None:
            # Read now, so the message needs no request once pickled.
            for key, value in self._context_from_request(request).items():
                if not self.context.get(key):
                    self.context[key] = value

    def _context_from_request(self, request):
        site = get_current_site(request)
        return {
            "domain": getattr(django_settings, "DOMAIN", "") or site.domain,
            "protocol": "https" if request.is_secure() else "http",
            "site_name": getattr(django_settings, "SITE_NAME", "") or site.name,
            "user": request.user,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.context)
        context.setdefault("domain", getattr(django_settings, "DOMAIN", ""))
        context.setdefault("protocol", "http")
        context.setdefault("site_name", getattr(django_settings, "SITE_NAME", ""))
        context.setdefault("user", None)
        return context

    def render(self):
        template = get_template(self.template_name).template
        blocks = {
            node.name: node for node in template.nodelist.get_nodes_by_type(BlockNode)
        }
        # With a request, the project's context processors run too; a
        # message rendered after pickling has none.
        request = getattr(self.request, "_request", self.request)
        context = make_context(self.get_context_data(), request)
        parts = {"subject": "", "body": "", "html": None}
        with (
            context.render_context.push_state(template),
            context.bind_template(template),
        ):
            for block_name, attribute in self.template_blocks.items():
                if block_name in blocks:
                    parts[attribute] = blocks[block_name].render(context).strip()
        # A header cannot span lines.
        self.subject = " ".join(parts["subject"].split())
        self.body = parts["body"]
        self.html = parts["html"] or None
        self._attach_body()

    def _attach_body(self):
        self.alternatives = [
            alternative
            for alternative in self.alternatives
            if alternative[1] != "text/html"
        ]
        if self.body and self.html:
            self.attach_alternative(self.html, "text/html")
        elif self.html:
            self.body = self.html
            self.content_subtype = "html"

    def send(self, to, fail_silently=False, **kwargs):
        self.render()
        self.to = [to] if isinstance(to, str) else list(to)
        self.cc = kwargs.pop("cc", [])
        self.bcc = kwargs.pop("bcc", [])
        self.reply_to = kwargs.pop("reply_to", [])
        self.from_email = kwargs.pop("from_email", django_settings.DEFAULT_FROM_EMAIL)
        return super().send(fail_silently=fail_silently)

    def __getstate__(self):
        state = self.__dict__.copy()
        # Neither a request nor an open mail connection survives pickling.
        state["request"] = None
        state["connection"] = None
        return state


class BaseDjoserEmail(BaseEmailMessage):
    # djoser settings that, when set, replace the values read from the
    # request: a single-page app's links point at the front end, not the API.
    frontend_overrides = {
        "domain": "EMAIL_FRONTEND_DOMAIN",
        "protocol": "EMAIL_FRONTEND_PROTOCOL",
        "site_name": "EMAIL_FRONTEND_SITE_NAME",
    }

    # The djoser setting holding the format of the link this email exists
    # to carry, if any. While it is unset the context's ``url`` is empty (so
    # a project's tests can still build and render every email) and
    # ``send()`` refuses, naming it; the system checks name it at startup.
    url_setting = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for key, setting in self.frontend_overrides.items():
            value = getattr(settings, setting)
            if value:
                context[key] = value
        context.pop("view", None)
        return context

    def format_url(self, values):
        """The link: ``url_setting``'s format filled with ``values``, or ""."""
        url_format = getattr(settings, self.url_setting)
        return "" if url_format is None else url_format.format(**values)

    def send(self, to, fail_silently=False, **kwargs):
        if self.url_setting is not None and getattr(settings, self.url_setting) is None:
            raise ImproperlyConfigured(
                f"DJOSER['{self.url_setting}'] must be set to send this email, "
                "for example '#/path/{uid}/{token}'."
            )
        return super().send(to, fail_silently=fail_silently, **kwargs)


class UidAndTokenEmail(BaseDjoserEmail):
    """An email carrying a one-time link built from the ``url_setting`` format."""

    token_generator = default_token_generator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = context["user"]
        context["uid"] = utils.encode_uid(user.pk)
        context["token"] = self.token_generator.make_token(user)
        context["url"] = self.format_url(context)
        return context


class ActivationEmail(UidAndTokenEmail):
    template_name = "email/activation.html"
    url_setting = "ACTIVATION_URL"


class ConfirmationEmail(BaseDjoserEmail):
    template_name = "email/confirmation.html"


class PasswordResetEmail(UidAndTokenEmail):
    template_name = "email/password_reset.html"
    url_setting = "PASSWORD_RESET_CONFIRM_URL"


class PasswordChangedConfirmationEmail(BaseDjoserEmail):
    template_name = "email/password_changed_confirmation.html"


class UsernameChangedConfirmationEmail(BaseDjoserEmail):
    template_name = "email/username_changed_confirmation.html"


class UsernameResetEmail(UidAndTokenEmail):
    template_name = "email/username_reset.html"
    url_setting = "USERNAME_RESET_CONFIRM_URL"
