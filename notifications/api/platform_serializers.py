from rest_framework_json_api import serializers

from eventyay.api.relationships import ToOne
from eventyay.api.serializers import ResourceSerializer
from notifications.models import Activity, EmailNotification, Mail, MessageSetting


class EmailNotificationSerializer(ResourceSerializer):
    user = ToOne("user", writable=True)
    event = ToOne("event", writable=True)
    event_id = serializers.IntegerField(required=False, allow_null=True)

    class Meta:
        model = EmailNotification
        resource_name = "email-notification"
        fields = (
            "next_event",
            "new_paper",
            "session_accept_reject",
            "session_schedule",
            "after_ticket_purchase",
            "event_id",
            "deleted_at",
            "user",
            "event",
        )
        read_only_fields = ("deleted_at",)


class MessageSettingSerializer(ResourceSerializer):
    class Meta:
        model = MessageSetting
        resource_name = "message-setting"
        fields = ("action", "enabled", "recipient", "email_subject", "email_message", "notification_message")
        extra_kwargs = {"action": {"validators": [], "required": False}}


class MailSerializer(ResourceSerializer):
    class Meta:
        model = Mail
        resource_name = "mail"
        fields = ("recipient", "time", "action", "subject", "message")
        read_only_fields = fields


class ActivitySerializer(ResourceSerializer):
    class Meta:
        model = Activity
        resource_name = "activity"
        fields = ("actor", "time", "action")
        read_only_fields = fields
