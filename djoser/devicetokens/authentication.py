from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from djoser.devicetokens import keys
from djoser.devicetokens.models import DeviceToken


class DeviceTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` for device tokens.

    The header is parsed as DRF's TokenAuthentication does (same errors for a
    malformed one). A key without our marker is not ours: it is left to the
    next authentication class, so DRF tokens can keep working beside these.
    """

    model = DeviceToken

    def authenticate_credentials(self, key):
        if not keys.is_device_key(key):
            return None
        # One query: the token by its indexed digest, joined with its user.
        # The digest is compared by the database, not in Python; timing can
        # reveal at most a prefix of a SHA-256 output, which helps no guesser.
        try:
            token = DeviceToken.objects.select_related("user").get(
                digest=keys.digest(key)
            )
        except DeviceToken.DoesNotExist:
            raise AuthenticationFailed(_("Invalid token.")) from None
        now = timezone.now()
        if token.has_expired(now):
            raise AuthenticationFailed(_("Token has expired."))
        if not token.user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        token.record_use(now)
        return (token.user, token)
