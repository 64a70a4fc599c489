from django.urls import path

from notifications.api.views import NotificationViewSet, UserNotificationViewSet

urlpatterns = [
    path("notifications", NotificationViewSet.as_view({"get": "list"}), name="notification-list"),
    path(
        "notifications/mark-all-read",
        NotificationViewSet.as_view({"post": "mark_all_read"}),
        name="notification-mark-all-read",
    ),
    path(
        "notifications/<int:pk>",
        NotificationViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="notification-detail",
    ),
    path(
        "notifications/<int:pk>/mark-read",
        NotificationViewSet.as_view({"post": "mark_read"}),
        name="notification-mark-read",
    ),
    path(
        "users/<int:user_id>/notifications",
        UserNotificationViewSet.as_view({"get": "list"}),
        name="user-notification-list",
    ),
]
