"""The worker side of djoser's email delivery (see ``djoser.delivery``).

Needs Django's tasks framework: ``django.tasks`` (Django 6.0+) or the
``django-tasks`` backport. Only imported once ``EMAIL_TASK_BACKEND`` is set,
so projects that send in the request need neither.
"""

import logging

from django.contrib.auth import get_user_model
from django.utils.module_loading import import_string

try:
    from django.tasks import task
except ImportError:
    # Django 4.2 and 5.2 have no django.tasks; the django-tasks backport does.
    from django_tasks import task

logger = logging.getLogger("djoser.delivery")


@task
def deliver_email(email_class, user_pk, recipients, context):
    """Rebuild, render and send one email from the JSON the request enqueued.

    ``email_class`` is the dotted path of the message class, ``context`` the
    values read from the request (domain, protocol, site name and any extra
    JSON). Links and tokens are made here, at sending time, so the task queue
    never stores a token. A ``user_pk`` of None stands for an address that
    belongs to no account: the request enqueued it all the same, so that its
    work and timing do not depend on the address, and nothing is sent.
    A transport error propagates, so the task backend records the failure.
    """
    if user_pk is None:
        return
    user = get_user_model()._default_manager.filter(pk=user_pk).first()
    if user is None:
        logger.info("Not sending %s: user %s no longer exists.", email_class, user_pk)
        return
    message = import_string(email_class)(None, {**context, "user": user})
    message.send(recipients)
