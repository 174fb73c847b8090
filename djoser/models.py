"""The models of the ``djoser`` app: those its features keep (see each module)."""

from djoser.email_change.models import EmailChange  # noqa: F401
