"""What the concurrency suite's servers write down for the tests to count.

Each server process appends to files in ``DJOSER_CONCURRENCY_RECORDS``: one
line per password check, one file per email sent.
"""

import os
import time
import uuid
from pathlib import Path

from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.mail.backends.base import BaseEmailBackend


def records():
    return Path(os.environ["DJOSER_CONCURRENCY_RECORDS"])


class SlowRecordingHasher(MD5PasswordHasher):
    """MD5, as fast as the suite needs, but each check takes as long as a real
    hash would: the window in which parallel requests race."""

    def verify(self, password, encoded):
        # O_APPEND: each line lands whole, whichever process writes it.
        with open(records() / "password_checks", "a") as log:
            log.write("checked\n")
        time.sleep(0.3)
        return super().verify(password, encoded)


class RecordingEmailBackend(BaseEmailBackend):
    """Writes each message, recipients first, to a file of its own."""

    def send_messages(self, email_messages):
        for message in email_messages:
            text = f"To: {', '.join(message.to)}\n\n{message.body}"
            (records() / f"mail-{uuid.uuid4().hex}").write_text(text)
        return len(email_messages)
