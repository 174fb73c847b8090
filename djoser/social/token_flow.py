"""Sign in with a token a native app got from the provider's own SDK.

No redirect, no code, no state: the app already holds an ID token (Google
Sign-In, Sign in with Apple, any OpenID Connect SDK) or, for a provider
without OpenID Connect, an access token. An ID token is verified here
(``djoser.social.id_tokens``) and its claims go through the project's
social-auth pipeline as the provider's answer; an access token goes through
the backend's own ``do_auth``, which asks the provider who it belongs to.
Either way the pipeline, with djoser's guards, decides which account it is,
exactly as for the code flow (``flow.authenticate``).

Each kind of token is accepted only from providers the project lists in
SOCIAL_AUTH_TOKEN_LOGIN: an ID token needs the client ids it may be issued
to; an access token, which does not say which app it was issued to, needs
``ACCESS_TOKEN: True``.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from djoser.social import flow, id_tokens
from djoser.social.failures import provider_failures

NOT_ACCEPTED = {
    "id_token": _("This provider's ID tokens are not accepted here."),
    "access_token": _("This provider's access tokens are not accepted here."),
}


def sign_in(request, provider, credentials, load, signed_in=None):
    """The account ``credentials`` (``id_token`` or ``access_token``) vouch for.

    ``load`` returns social-auth's backend, as for the code flow; an unknown
    provider is a 404 before the token is looked at. ``signed_in`` is the
    account being connected, if any.
    """
    backend = flow.get_backend(load, request, provider, None)
    if "id_token" in credentials:
        if not id_tokens.accepts_id_tokens(provider):
            not_accepted("id_token")
        with provider_failures(provider):
            expected = id_tokens.expected_for(provider, backend)
        claims = id_tokens.verify(
            credentials["id_token"], expected, credentials.get("nonce")
        )

        def run(**kwargs):
            return backend.strategy.authenticate(backend, response=claims, **kwargs)

    else:
        if not id_tokens.accepts_access_tokens(provider):
            not_accepted("access_token")

        def run(**kwargs):
            return backend.do_auth(credentials["access_token"], **kwargs)

    return flow.authenticate(provider, backend, run, signed_in)


def not_accepted(field):
    raise serializers.ValidationError({field: [NOT_ACCEPTED[field]]})
