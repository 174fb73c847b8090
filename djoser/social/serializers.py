from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from social_django.models import UserSocialAuth
from social_django.utils import load_backend, load_strategy

from djoser.conf import settings
from djoser.social import failures, flow, token_flow


def load_provider_backend(request, provider, redirect_uri):
    """social-auth's backend for ``provider``, through this module's names.

    djoser 2.x called ``load_strategy`` and ``load_backend`` from this
    module, and projects' tests patch them here; they are looked up on
    each call so that a patch applies.
    """
    # social-auth's strategy works on Django's request, not DRF's wrapper.
    strategy = load_strategy(request._request)
    return load_backend(strategy, provider, redirect_uri=redirect_uri)


def opaque_field(max_length):
    """An optional write-only string kept exactly as sent: a provider's code,
    state or token, which no whitespace rule may change."""
    return serializers.CharField(
        write_only=True, required=False, trim_whitespace=False, max_length=max_length
    )


class ProviderAuthRequestSerializer(serializers.Serializer):
    """GET: the app names where the provider should send the user back."""

    redirect_uri = serializers.CharField(
        write_only=True, max_length=2048, trim_whitespace=False
    )
    authorization_url = serializers.CharField(read_only=True)

    default_error_messages = {
        "redirect_uri_not_allowed": _("This redirect_uri is not allowed."),
    }

    def validate_redirect_uri(self, value):
        if not flow.is_allowed_redirect_uri(value):
            self.fail("redirect_uri_not_allowed")
        return value

    def validate(self, attrs):
        provider = self.context["view"].kwargs["provider"]
        # The view passes its own loader: djoser 2.x's GET loaded the backend
        # through djoser.social.views' names.
        load = self.context.get("load_provider_backend", load_provider_backend)
        url = flow.begin(self.context["request"], provider, attrs["redirect_uri"], load)
        return {"authorization_url": url}


class ProviderAuthSerializer(serializers.Serializer):
    """POST: the provider's answer, forwarded by the app, for a token pair.

    ``code`` and ``state`` come from the query string of the provider's
    redirect; a provider that did not grant access sends ``error`` (and maybe
    ``error_description``) instead of ``code``.
    """

    code = opaque_field(2048)
    state = opaque_field(512)
    error = opaque_field(256)
    error_description = opaque_field(2048)
    access = serializers.CharField(read_only=True)
    refresh = serializers.CharField(read_only=True)
    user = serializers.CharField(read_only=True)

    def validate(self, attrs):
        request = self.context["request"]
        callback = dict(attrs)
        # The state may also stay in the query string, as the provider put it.
        if "state" not in callback and "state" in request.query_params:
            callback["state"] = self.fields["state"].run_validation(
                request.query_params["state"]
            )
        if not callback.get("code") and not callback.get("error"):
            raise serializers.ValidationError(
                {"code": [self.fields["code"].error_messages["required"]]}
            )
        provider = self.context["view"].kwargs["provider"]
        user = flow.complete(request, provider, callback, load_provider_backend)
        return {"user": user}

    def create(self, validated_data):
        return settings.SOCIAL_AUTH_TOKEN_STRATEGY.obtain(validated_data["user"])


class ProviderTokenSerializer(serializers.Serializer):
    """``o/{provider}/token/``: a token from the provider's SDK for a token pair.

    Exactly one of ``id_token`` (OpenID Connect providers) and
    ``access_token``; ``nonce`` when the app passed one to the SDK.
    """

    id_token = opaque_field(16384)
    access_token = opaque_field(8192)
    nonce = opaque_field(512)
    access = serializers.CharField(read_only=True)
    refresh = serializers.CharField(read_only=True)
    user = serializers.CharField(read_only=True)

    default_error_messages = {
        "one_token": _("Send either id_token or access_token."),
    }

    def validate(self, attrs):
        if ("id_token" in attrs) == ("access_token" in attrs):
            self.fail("one_token")
        provider = self.context["view"].kwargs["provider"]
        user = token_flow.sign_in(
            self.context["request"], provider, attrs, load_provider_backend
        )
        return {"user": user}

    def create(self, validated_data):
        return settings.SOCIAL_AUTH_TOKEN_STRATEGY.obtain(validated_data["user"])


class SocialAccountSerializer(serializers.ModelSerializer):
    """One provider account linked to the signed-in user."""

    class Meta:
        model = UserSocialAuth
        fields = ("id", "provider", "uid", "created", "modified")
        read_only_fields = fields


# What proves the provider account when connecting it: one of these.
PROOFS = ("code", "id_token", "access_token")


class SocialAccountConnectSerializer(serializers.Serializer):
    """Link one more provider account to the signed-in user.

    The proof of the provider account is what a login would send: ``code``
    and ``state`` after ``GET o/{provider}/`` in this session, or a token
    from the provider's SDK (``id_token`` or ``access_token``, and ``nonce``).
    The view asks for a fresh reauthentication first, or ``current_password``
    in the body (djoser.reauthentication): a stolen access token alone cannot
    add a way in.
    """

    provider = serializers.CharField(write_only=True, max_length=64)
    current_password = serializers.CharField(
        write_only=True,
        required=False,
        trim_whitespace=False,
        max_length=4096,
        style={"input_type": "password"},
    )
    code = opaque_field(2048)
    state = opaque_field(512)
    id_token = opaque_field(16384)
    access_token = opaque_field(8192)
    nonce = opaque_field(512)

    default_error_messages = {
        "one_proof": _("Send code and state, id_token, or access_token."),
    }

    def validate(self, attrs):
        request = self.context["request"]
        user = request.user
        provider = attrs["provider"]
        proofs = [name for name in PROOFS if name in attrs]
        if len(proofs) != 1:
            self.fail("one_proof")
        with transaction.atomic():
            if proofs == ["code"]:
                callback = {
                    key: attrs[key] for key in ("code", "state") if key in attrs
                }
                linked = flow.complete(
                    request, provider, callback, load_provider_backend, signed_in=user
                )
            else:
                linked = token_flow.sign_in(
                    request, provider, attrs, load_provider_backend, signed_in=user
                )
            # The pipeline hands back the signed-in user with the link it
            # made; should a project's step switch accounts, nothing is linked.
            if linked.pk != user.pk:
                failures.refuse("in_use")
        return {"social": linked.social_user}

    def to_representation(self, instance):
        return SocialAccountSerializer(instance).data
