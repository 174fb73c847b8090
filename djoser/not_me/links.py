"""The link in a new authenticator's notice: kept when sent, put in the email.

``offer`` is called where the notice is sent (turning two-factor sign-in
on, adding a passkey): it keeps the authenticator and answers the notice's
context, which holds the row's id only, as JSON for a task queue.
``NotMeLinkMixin`` turns that id into ``not_me_url`` when the email is
rendered.
"""

from django.utils.timezone import now

from djoser import utils
from djoser.conf import settings
from djoser.not_me.models import NewAuthenticator
from djoser.not_me.tokens import lifetime, not_me_token_generator


def offer(user, kind, authenticator_id, added_at):
    """Keep ``user``'s new authenticator for its link; the notice's context.

    Nothing is kept while NOT_ME_URL is unset: the notice has no link then.
    """
    if settings.NOT_ME_URL is None:
        return {}
    created = now()
    # Rows whose links have expired, any account's, are of no use any more.
    NewAuthenticator.objects.filter(created__lt=created - lifetime()).delete()
    row = NewAuthenticator.objects.create(
        user=user,
        kind=kind,
        authenticator_id=authenticator_id,
        added_at=added_at,
        created=created,
    )
    return {"not_me_id": row.pk}


class NotMeLinkMixin:
    """For a notice's email class: ``not_me_url`` from the context's ``not_me_id``.

    The URL is NOT_ME_URL formatted with ``uid`` and ``token``; the templates
    show it as the "this was not me" link.
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url_format = settings.NOT_ME_URL
        user = context.get("user")
        row_id = context.get("not_me_id")
        if url_format is None or user is None or row_id is None:
            return context
        row = NewAuthenticator.objects.unused(user).filter(pk=row_id).first()
        if row is not None:
            token = not_me_token_generator.make_token(user, row)
            context["not_me_url"] = url_format.format(
                uid=utils.encode_uid(user.pk), token=token
            )
        return context
