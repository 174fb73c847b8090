"""testproject's URLs without djoser.webauthn's, as a project without passkeys has."""

import djoser.webauthn.urls
from testproject.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    pattern
    for pattern in project_urlpatterns
    if getattr(pattern, "urlconf_name", None) is not djoser.webauthn.urls
]
