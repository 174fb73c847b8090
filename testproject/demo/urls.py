from django.urls import path

from demo import views

urlpatterns = [
    path("", views.IndexView.as_view(), name="demo"),
    path("dev/outbox/", views.outbox, name="demo-outbox"),
]
