"""Social login for single-page apps, on top of social-auth-app-django.

An optional part of djoser: install the ``social`` extra, add
``social_django`` to ``INSTALLED_APPS`` and include ``djoser.social.urls``.
Nothing outside this package imports it, so djoser works without it.
"""
