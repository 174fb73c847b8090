"""Passkeys (WebAuthn): sign up, log in and manage passkeys over the API.

An optional app: add ``"djoser.webauthn"`` to INSTALLED_APPS, install the
``webauthn`` extra and include ``djoser.webauthn.urls``.
"""
