"""Short codes sent by email instead of links: sign in, activate, reset.

An optional app (``djoser.codes``). ``CODES["LOGIN"]`` turns on
``login/code/request/``, ``login/code/confirm/`` and ``login/code/resend/``
(``djoser.urls.codes``); ``CODES["ACTIVATION"]`` and
``CODES["PASSWORD_RESET"]`` make the activation and password reset emails
carry a code, confirmed with the account's login or uid.

Codes are kept as keyed digests only, work once, expire after
``CODES["LIFETIME"]`` and die after ``CODES["MAX_ATTEMPTS"]`` tries
(``djoser.codes.models``).
"""
