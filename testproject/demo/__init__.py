"""The demo front-end of testproject: a single-page app over the djoser API.

Its development conveniences (the outbox and the activation of accounts that
have no email address) work only while ``DEBUG`` is on.
"""
