"""Per-device tokens: one per login, stored as a digest, expiring, revocable.

Add ``"djoser.devicetokens"`` to INSTALLED_APPS, set djoser's ``TOKEN_MODEL``
to ``"djoser.devicetokens.models.DeviceToken"``, authenticate with
``djoser.devicetokens.authentication.DeviceTokenAuthentication`` and include
``djoser.devicetokens.urls`` for the list, revoke and logout-all endpoints.
"""
