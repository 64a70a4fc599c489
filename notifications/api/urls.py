from django.urls import path

from eventyay.api.registry import resources
from notifications.api.views import NotificationViewSet, UserNotificationViewSet

resources.register(NotificationViewSet, "notifications")

urlpatterns = [
    path(
        "users/<int:user_id>/notifications",
        UserNotificationViewSet.as_view({"get": "list"}),
        name="user-notification-list",
    ),
]
