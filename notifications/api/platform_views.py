"""Viewsets of the mail and audit types.

* `/v1/email-notifications`: admins list every preference; `/v1/users/<id>/email-notifications` (related
  route of the user) and `/v1/email-notifications/<id>`: the user and admins read, edit, delete; a signed-in
  user creates their own.
* `/v1/message-settings`: admins read and switch mails on or off (GET, PATCH; the settings are seeded).
* `/v1/mails`, `/v1/activities`: admins read the sent-mail log and the audit log (read-only).
"""

from django.db.models import Q

from eventyay.api.views import JsonApiViewSet, ServiceSet
from notifications import platform_services as services
from notifications.api.platform_serializers import (
    ActivitySerializer,
    EmailNotificationSerializer,
    MailSerializer,
    MessageSettingSerializer,
)
from notifications.models import Activity, EmailNotification, Mail, MessageSetting


class EmailNotificationViewSet(JsonApiViewSet):
    queryset = EmailNotification.objects.all()
    serializer_class = EmailNotificationSerializer
    permission_rules = {"list": "is_admin", "*": "authenticated"}
    services = ServiceSet(
        create=services.email_notification_create,
        update=services.email_notification_update,
        delete=services.email_notification_delete,
    )

    def readable(self, queryset):
        return self.readable_by_members(queryset, lambda user: Q(user=user))


class MessageSettingViewSet(JsonApiViewSet):
    http_method_names = ["get", "patch", "head", "options"]
    queryset = MessageSetting.objects.all()
    serializer_class = MessageSettingSerializer
    permission_rules = {"*": "is_admin"}
    services = ServiceSet(update=services.message_setting_update)


class MailViewSet(JsonApiViewSet):
    http_method_names = ["get", "head", "options"]
    queryset = Mail.objects.all()
    serializer_class = MailSerializer
    permission_rules = {"*": "is_admin"}


class ActivityViewSet(JsonApiViewSet):
    http_method_names = ["get", "head", "options"]
    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    permission_rules = {"*": "is_admin"}
