"""Browser mode: djoser's endpoints for single-page apps, with credentials in cookies.

A project serves two kinds of client from one set of views:

- app clients (native and server-side apps) use ``djoser.urls`` and the
  other URL modules as in djoser 2.x: tokens in response bodies, sent back
  in the ``Authorization`` header;
- browser clients use ``djoser.urls.browser``, mounted under a prefix of its
  own. There, every view is the same view with ``BrowserClientMixin`` mixed
  in (``djoser.browser.routes``): credentials are set as ``HttpOnly`` cookies
  and never appear in a body, the cookies authenticate the requests, and
  every unsafe request, logins included, passes Django's CSRF check.

The request says which client it is by the URL it comes in on; nothing
changes for a project that does not mount the browser client.
``CookieAuthentication`` lets the project's own API views accept the same
cookies (with the same CSRF check).
"""


def is_browser_request(request):
    """Whether ``request`` came through the browser client or its cookies.

    True for requests to ``djoser.urls.browser``'s routes and for requests
    that ``CookieAuthentication`` authenticated, wherever they were routed.
    """
    from djoser.browser.authentication import CookieAuthentication

    django_request = getattr(request, "_request", request)
    if getattr(django_request, "djoser_browser_client", False):
        return True
    authenticator = getattr(request, "successful_authenticator", None)
    return isinstance(authenticator, CookieAuthentication)
