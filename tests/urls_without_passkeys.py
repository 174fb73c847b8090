"""testproject's URLs without djoser.webauthn's, as a project without passkeys has.

The browser client mounts passkeys wherever djoser.webauthn is installed;
here it is mounted without them.
"""

from django.urls import URLResolver, include, path

import djoser.urls.browser
import djoser.webauthn.urls
from testproject.urls import urlpatterns as project_urlpatterns

browser_without_passkeys = [
    pattern
    for pattern in djoser.urls.browser.urlpatterns
    if not (isinstance(pattern, URLResolver) and str(pattern.pattern) == "webauthn/")
]

urlpatterns = [
    *(
        pattern
        for pattern in project_urlpatterns
        if getattr(pattern, "urlconf_name", None)
        not in (djoser.webauthn.urls, djoser.urls.browser)
    ),
    path("auth/browser/", include((browser_without_passkeys, "browser"))),
]
