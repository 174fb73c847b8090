from django.dispatch import Signal

# Each is sent with keyword arguments ``user`` and ``request`` (None when an
# admin resets two-factor sign-in); the sender is the view (or admin) class.
mfa_enabled = Signal()
mfa_disabled = Signal()
recovery_codes_generated = Signal()
