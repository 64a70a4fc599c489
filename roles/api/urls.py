from django.urls import path
from rest_framework.routers import SimpleRouter

from roles.api import views

router = SimpleRouter(trailing_slash=False)
router.register("users", views.UserViewSet, basename="user")

urlpatterns = [
    path("auth/login", views.LoginView.as_view(), name="auth-login"),
    path("auth/token/refresh", views.RefreshView.as_view(), name="auth-token-refresh"),
    *router.urls,
]
