from django.urls import re_path

from djoser import unavailable

# Without the social_django app this route answers 501, and manage.py check
# reports djoser.E408.
if unavailable.app_missing("social_django"):
    views = unavailable.UnavailableViews("social", app="social_django")
else:
    from djoser.social import views

urlpatterns = [
    re_path(
        r"^o/(?P<provider>[^/]+)/$",
        views.ProviderAuthView.as_view(),
        name="provider-auth",
    ),
    re_path(
        r"^o/(?P<provider>[^/]+)/token/$",
        views.ProviderTokenView.as_view(),
        name="provider-token",
    ),
    re_path(
        r"^social/accounts/$",
        views.SocialAccountListView.as_view(),
        name="social-account-list",
    ),
    re_path(
        r"^social/accounts/(?P<pk>[^/.]+)/$",
        views.SocialAccountDetailView.as_view(),
        name="social-account-detail",
    ),
]
