"""What the "this was not me" endpoint accepts."""

from djoser.serializers import UidAndTokenSerializer


class NotMeSerializer(UidAndTokenSerializer):
    """``uid`` and ``token`` of the link in a new authenticator's notice.

    The view validates it inside a transaction, so the token is checked
    with the account's row locked for update: the link works once.
    """
