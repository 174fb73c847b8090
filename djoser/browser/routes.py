"""The browser client's routes: another URL module's, serving browsers.

``browser_patterns("djoser.urls.jwt")`` gives that module's routes (same
paths, same names) with each DRF view swapped for the same view with
``BrowserClientMixin`` mixed in, built with the same arguments (a
viewset's actions included). One set of views serves both clients; the URL
a request comes in on says which client it is.
"""

import functools
from importlib import import_module

from django.urls import URLPattern, URLResolver

from djoser.browser.views import BrowserClientMixin, BrowserSerializerMixin


@functools.cache
def browser_view_class(view_class):
    """``view_class`` with BrowserClientMixin in front (made once per class)."""
    if issubclass(view_class, BrowserClientMixin):
        return view_class
    mixins = (BrowserClientMixin,)
    if hasattr(view_class, "get_serializer"):
        mixins += (BrowserSerializerMixin,)
    return type(
        view_class.__name__,
        (*mixins, view_class),
        # Named as the view it serves, which it is, in error pages and schemas.
        {"__doc__": view_class.__doc__, "__module__": view_class.__module__},
    )


def browser_patterns(urlconf):
    """The routes of the URL module ``urlconf`` (a dotted path), for browsers."""
    return [_browser_route(entry) for entry in import_module(urlconf).urlpatterns]


def _browser_route(entry):
    if isinstance(entry, URLResolver):
        return URLResolver(
            entry.pattern,
            [_browser_route(child) for child in entry.url_patterns],
            entry.default_kwargs,
            entry.app_name,
            entry.namespace,
        )
    callback = entry.callback
    view_class = getattr(callback, "cls", None)
    if view_class is None:
        # Not a DRF view: nothing of it changes for browsers.
        return entry
    browser_class = browser_view_class(view_class)
    initkwargs = getattr(callback, "initkwargs", {})
    actions = getattr(callback, "actions", None)
    if actions is not None:
        view = browser_class.as_view(actions, **initkwargs)
    else:
        view = browser_class.as_view(**initkwargs)
    return URLPattern(entry.pattern, view, entry.default_args, entry.name)
