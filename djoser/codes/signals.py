from django.dispatch import Signal

# Sent with keyword arguments ``user``, ``request`` and ``purpose`` ("login",
# "activation" or "password_reset"); the sender is the view class.
# ``code_sent``: a code went to the account's address (never sent for an
# address no account holds). ``code_accepted``: a right code was spent.
code_sent = Signal()
code_accepted = Signal()
