"""Account pages and the invite landing page (server-rendered; the API lives in `roles.api.urls`). `/verify`
and `/reset-password` are also the Open Event frontend's routes, so the links in our mails work whether
FRONTEND_URL points at that client or at this server."""

from django.urls import path

from roles import invite_views, views

urlpatterns = [
    path("login", views.SignInView.as_view(), name="sign-in"),
    path("signup", views.SignUpView.as_view(), name="sign-up"),
    path("logout", views.SignOutView.as_view(), name="sign-out"),
    path("verify", views.VerifyEmailView.as_view(), name="verify-email"),
    path("reset-password", views.PasswordResetView.as_view(), name="password-reset"),
    path("account", views.AccountView.as_view(), name="account"),
    path("role-invites", invite_views.RoleInvitePageView.as_view(), name="role-invite-token-page"),
    path("role-invites/<int:pk>", invite_views.RoleInvitePageView.as_view(), name="role-invite-page"),
]
