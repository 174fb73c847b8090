from rest_framework.routers import DefaultRouter

from djoser import views

router = DefaultRouter()
# An explicit basename keeps the route names (user-list, user-me, ...) the
# same whatever the user model is called.
router.register("users", views.UserViewSet, basename="user")

urlpatterns = router.urls
