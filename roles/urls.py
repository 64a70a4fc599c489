"""Server-rendered pages of the roles app (the API lives in `roles.api.urls`)."""

from django.urls import path

from roles import views

urlpatterns = [
    path("role-invites", views.RoleInvitePageView.as_view(), name="role-invite-token-page"),
    path("role-invites/<int:pk>", views.RoleInvitePageView.as_view(), name="role-invite-page"),
]
