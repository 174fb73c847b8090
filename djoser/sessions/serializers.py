from rest_framework import serializers

from djoser.sessions.models import Session


class SessionSerializer(serializers.ModelSerializer):
    """A session as its owner sees it: never a token, nor its id."""

    current = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = (
            "id",
            "kind",
            "device_name",
            "user_agent",
            "client_address",
            "created",
            "last_used",
            "expires",
            "current",
        )
        read_only_fields = fields

    def get_current(self, session) -> bool:
        """Whether the request was made with this session's credential."""
        return session.pk in self.context.get("current_ids", ())
