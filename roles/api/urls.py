from django.urls import path
from rest_framework.routers import SimpleRouter

from roles.api import auth_views, invite_views, views

router = SimpleRouter(trailing_slash=False)
router.register("users", views.UserViewSet, basename="user")
router.register("roles", views.RoleViewSet, basename="role")
router.register("services", views.ServiceViewSet, basename="service")
router.register("event-role-permissions", views.EventRolePermissionViewSet, basename="event-role-permission")

DETAIL = {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}

urlpatterns = [
    path("auth/login", auth_views.LoginView.as_view(), name="auth-login"),
    path("auth/token/refresh", auth_views.RefreshView.as_view(), name="auth-token-refresh"),
    path("auth/verify-email", auth_views.VerifyEmailView.as_view(), name="auth-verify-email"),
    path(
        "auth/resend-verification-email",
        auth_views.ResendVerificationView.as_view(),
        name="auth-resend-verification-email",
    ),
    path("auth/change-password", auth_views.ChangePasswordView.as_view(), name="auth-change-password"),
    path("auth/reset-password", auth_views.ResetPasswordView.as_view(), name="auth-reset-password"),
    path("role_invites/user", invite_views.InviteUserView.as_view(), name="role-invite-user"),
    path("role_invites/accept-invite", invite_views.AcceptInviteView.as_view(), name="role-invite-accept"),
    path(
        "events/<str:event_id>/role-invites",
        views.EventRoleInviteViewSet.as_view({"get": "list", "post": "create"}),
        name="event-role-invites",
    ),
    path("role-invites/<int:pk>", views.RoleInviteViewSet.as_view(DETAIL), name="role-invite-detail"),
    path(
        "events/<str:event_id>/users-events-roles",
        views.EventUsersEventsRolesViewSet.as_view({"get": "list"}),
        name="event-users-events-roles",
    ),
    path(
        "users-events-roles/<int:pk>",
        views.UsersEventsRolesViewSet.as_view({"get": "retrieve", "delete": "destroy"}),
        name="users-events-roles-detail",
    ),
    *router.urls,
]
