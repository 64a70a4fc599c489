from django.urls import path

from eventyay.api.registry import resources
from notifications.api import platform_views
from notifications.api.views import NotificationViewSet, UserNotificationViewSet

resources.register(NotificationViewSet, "notifications")
resources.register(platform_views.EmailNotificationViewSet, "email-notifications")
resources.register(platform_views.MessageSettingViewSet, "message-settings")
resources.register(platform_views.MailViewSet, "mails")
resources.register(platform_views.ActivityViewSet, "activities")

urlpatterns = [
    path(
        "users/<int:user_id>/notifications",
        UserNotificationViewSet.as_view({"get": "list"}),
        name="user-notification-list",
    ),
]
