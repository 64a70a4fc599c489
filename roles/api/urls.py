from django.urls import path

from eventyay.api.registry import resources
from roles.api import auth_views, invite_views, platform_views, session_views, views

resources.register(views.UserViewSet, "users")
resources.register(views.RoleViewSet, "roles")
resources.register(views.ServiceViewSet, "services")
resources.register(views.EventRolePermissionViewSet, "event-role-permissions")
resources.register(views.RoleInviteViewSet, "role-invites", event_scoped=True)
resources.register(views.UsersEventsRolesViewSet, "users-events-roles", event_scoped=True)
resources.register(platform_views.CustomSystemRoleViewSet, "custom-system-roles")
resources.register(platform_views.PanelPermissionViewSet, "panel-permissions")
resources.register(platform_views.UserPermissionViewSet, "user-permissions")
resources.register(platform_views.UserEmailViewSet, "user-emails")

urlpatterns = [
    path(
        "admin/user-emails",
        platform_views.UserEmailViewSet.as_view({"get": "list"}),
        name="admin-user-email-list",
    ),
    path("auth/login", auth_views.LoginView.as_view(), name="auth-login"),
    path("auth/token/refresh", auth_views.RefreshView.as_view(), name="auth-token-refresh"),
    path("auth/fresh-login", session_views.FreshLoginView.as_view(), name="auth-fresh-login"),
    path("auth/verify-password", session_views.VerifyPasswordView.as_view(), name="auth-verify-password"),
    path("auth/logout", session_views.LogoutView.as_view(), name="auth-logout"),
    path("auth/blacklist", session_views.BlacklistView.as_view(), name="auth-blacklist"),
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
        "role-invites/<int:invite_id>/resend-invite", invite_views.ResendInviteView.as_view(), name="role-invite-resend"
    ),
]
