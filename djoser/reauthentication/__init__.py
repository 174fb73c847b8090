"""Reauthentication ("sudo mode"): one fresh proof before sensitive changes.

``reauthenticate/`` (views.py) takes the password, a two-factor code or a
passkey and marks the credential of its request (credentials.py) as fresh
for REAUTHENTICATION_TIMEOUT seconds. Views that change how an account is
reached declare the requirement (requirement.py): they need that mark, or
the same proof in their own body. Failed proofs are counted on their own
(throttling.py); what an account can prove with is in methods.py.
"""
