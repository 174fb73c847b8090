"""``GET config/``: what this deployment offers, for clients to adapt to.

Public and cacheable (no account, no secret): the login field and the
user model's field names, which login methods are mounted, the social
providers with the public client ids a native SDK needs, the two-factor
methods, whether email change is on, the retype settings and the password
length rules, so a single-page or mobile app builds its forms without
hard-coding the server's settings.
"""
