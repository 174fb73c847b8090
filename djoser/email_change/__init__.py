"""Verified change of a user's email address (``users/me/email/``).

The signed-in user names a new address; a link goes to that address, and
only opening it switches the account over. The old address is told. See
docs/email_change.rst.
"""
