from django.urls import re_path

from djoser import views

# The trailing slash is optional and matched, never redirected: a redirected
# POST would lose its body.
urlpatterns = [
    re_path(r"^token/login/?$", views.TokenCreateView.as_view(), name="login"),
    re_path(r"^token/logout/?$", views.TokenDestroyView.as_view(), name="logout"),
]
