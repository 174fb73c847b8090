from django.urls import path

from djoser.client_config import views

# Mounted beside djoser.urls: auth/config/.
urlpatterns = [
    path("config/", views.ClientConfigView.as_view(), name="client-config"),
]
