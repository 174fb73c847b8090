from django.dispatch import Signal

# A refresh token was presented again after it had been rotated and the
# grace period had passed: a copy of it is in other hands. The session has
# been revoked when this is sent. Keyword arguments: ``session``, ``user``
# and ``request``; the sender is the Session model.
refresh_token_reused = Signal()
