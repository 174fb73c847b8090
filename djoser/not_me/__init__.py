"""The "this was not me" link in the notice of a new authenticator.

When two-factor sign-in is turned on or a passkey is added, the notice to
the account's address carries a link (with ``NOT_ME_URL`` set). Opening it
removes that authenticator, ends every credential of the account and sets
a password nobody knows, so whoever planted it is out, and the owner gets a
link to choose a new password. See docs/security.rst.
"""
