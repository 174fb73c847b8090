from djoser.urls.base import urlpatterns

__all__ = ["urlpatterns"]
