"""An email backend that keeps messages in the database for the demo to show."""

import re

from django.core.mail.backends.base import BaseEmailBackend

from demo.models import SentEmail

# Links in a plain-text body: the activation and reset links djoser sends.
LINK_PATTERN = re.compile(r"https?://[^\s<>\"']+")


def html_alternative(message):
    """The text/html part of ``message``, or an empty string."""
    for content, mimetype in getattr(message, "alternatives", ()):
        if mimetype == "text/html":
            return content
    return ""


def links_in(text):
    return LINK_PATTERN.findall(text)


class OutboxBackend(BaseEmailBackend):
    """Store each message as a SentEmail row; nothing leaves the machine."""

    def send_messages(self, email_messages):
        stored = [
            SentEmail(
                from_email=message.from_email,
                recipients=message.recipients(),
                subject=message.subject,
                body=message.body,
                html_body=html_alternative(message),
            )
            for message in email_messages
            if message.recipients()
        ]
        SentEmail.objects.bulk_create(stored)
        return len(stored)
