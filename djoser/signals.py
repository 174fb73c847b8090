from django.dispatch import Signal

# Each is sent with keyword arguments ``user`` and ``request``; the sender is
# the view class that did the work.
user_registered = Signal()
user_activated = Signal()
user_updated = Signal()
