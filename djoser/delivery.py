"""How djoser's emails leave: sent in the request, or enqueued for a worker.

Every email djoser sends goes through ``send_email``. With
``EMAIL_TASK_BACKEND`` unset (the default) the message is rendered and sent
during the request, as djoser always did. Set to the alias of a ``TASKS``
backend, the request only enqueues JSON arguments (the email class's dotted
path, the user's pk, the recipients and the context read from the request)
and ``djoser.tasks.deliver_email`` renders and sends the message on the
worker.

On both paths a message that cannot be sent is logged, never raised: the
change the request made is saved by then, and answering 500 would both hide
it and tell the client something about the mail server.
"""

import logging
from functools import partial

from django.core import checks
from django.db import transaction

from djoser.codes.names import EMAIL_BY_CODE
from djoser.compat import get_user_email
from djoser.conf import settings

logger = logging.getLogger(__name__)


def send_email(name, request, user, to=None, context=None):
    """Deliver the EMAIL setting's ``name`` message to ``user``.

    ``user`` is None when a posted address belongs to no account. In the
    request that sends nothing; on the task path it still enqueues, so
    the request does the same work whether or not the address is known.
    ``to`` sends to another address than the user's (an email change
    writes to the new and the old one); ``context`` adds JSON values to
    the message's context.
    """
    name = message_name(name)
    address = None if user is None else (to or get_user_email(user))
    backend = settings.EMAIL_TASK_BACKEND
    if (user is not None and not address) or (user is None and backend is None):
        return
    user_pk = None if user is None else user._meta.pk.value_to_string(user)
    try:
        email_class = getattr(settings.EMAIL, name)
        # Built with the request, which the message reads domain, protocol
        # and site name from; a worker has no request to read them from.
        email = email_class(request, {**(context or {}), "user": user})
        if backend is None:
            email.send([address])
            return
        arguments = {
            "email_class": f"{email_class.__module__}.{email_class.__qualname__}",
            "user_pk": user_pk,
            "recipients": [] if user is None else [address],
            "context": {
                key: value for key, value in email.context.items() if key != "user"
            },
        }
        # After commit, so a worker on another connection finds the user's row.
        transaction.on_commit(partial(_enqueue, backend, arguments, name))
    except Exception:
        logger.exception("Could not send the %s email to user %s.", name, user_pk)


def message_name(name):
    """The EMAIL key sent for ``name``: the code message in place of a link
    message where CODES says so (djoser.codes), else ``name`` itself."""
    flag, code_name = EMAIL_BY_CODE.get(name, (None, None))
    if flag is not None and settings.CODES[flag]:
        return code_name
    return name


def _enqueue(backend, arguments, name):
    try:
        # Imported here: only projects with a task backend need the framework.
        from djoser.tasks import deliver_email

        deliver_email.using(backend=backend).enqueue(**arguments)
    except Exception:
        logger.exception(
            "Could not enqueue the %s email to user %s.", name, arguments["user_pk"]
        )


@checks.register()
def check_task_backend(app_configs=None, **kwargs):
    """With the task path on, the framework and the named backend must exist.

    Otherwise every email would fail to enqueue, each failure only logged.
    """
    alias = settings.EMAIL_TASK_BACKEND
    if alias is None:
        return []
    try:
        from djoser.tasks import deliver_email
    except ImportError as error:
        return [
            checks.Error(
                f"DJOSER['EMAIL_TASK_BACKEND'] is set, but {error}.",
                hint="Django 4.2 and 5.2 need the django-tasks package.",
                id="djoser.delivery.E001",
            )
        ]
    try:
        deliver_email.using(backend=alias)
    except Exception as error:
        return [
            checks.Error(
                f"DJOSER['EMAIL_TASK_BACKEND'] names the task backend {alias!r}, "
                f"which cannot run djoser's emails: {error}",
                hint="Name a backend of the TASKS setting.",
                id="djoser.delivery.E002",
            )
        ]
    return []
