"""The models of the ``djoser`` app: those its features keep (see each module)."""

from djoser.email_change.models import EmailChange  # noqa: F401
from djoser.not_me.models import NewAuthenticator  # noqa: F401
