from datetime import datetime

from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers as drf_serializers
from rest_framework_json_api import serializers

from eventyay.api.relationships import ToOne
from eventyay.api.serializers import ResourceSerializer
from notifications.models import Notification
from notifications.selectors import unread_count

#: keys the JSON:API parser adds besides attributes and relationships
PARSER_KEYS = {"id", "type", "_meta"}


class NotificationSerializer(ResourceSerializer):
    """The Open Event client reads title, message, received-at, is-read; the newer server sends created-at and
    a nested `content` (type, target-type, target-id, target-action, …) — both are served. Only `is-read` is
    writable; any other attribute in a PATCH is a 422 pointing at it."""

    user = ToOne("user")
    content = drf_serializers.SerializerMethodField()

    class Meta:
        model = Notification
        resource_name = "notification"
        fields = ("title", "message", "received_at", "is_read", "created_at", "kind", "content", "user")
        read_only_fields = ("title", "message", "received_at", "created_at", "kind", "content", "user")

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_content(self, obj):
        target_type = obj.target_content_type.model_class().__name__ if obj.target_content_type_id else None
        return {
            "type": obj.kind,
            "target_type": target_type,
            "target_id": obj.target_object_id or None,
            "target_action": obj.kind,
            "title": obj.title,
            "message": obj.message,
            "actors": [],
        }

    def validate(self, attrs):
        """`is-read` is the one writable attribute. The Open Event client (Ember Data) sends every attribute
        back on save, so read-only attributes are accepted when unchanged; changing one, or sending an
        attribute this resource does not have, is a 422 pointing at it."""
        initial = getattr(self, "initial_data", None) or {}
        for name in sorted(set(initial) - PARSER_KEYS - {"is_read"}):
            if name not in self.fields:
                raise serializers.ValidationError({name: "Notifications have no such attribute."})
            if self.instance is None or not self._unchanged(name, initial[name]):
                raise serializers.ValidationError({name: "Only is-read can be changed on a notification."})
        if "is_read" not in attrs:
            raise serializers.ValidationError({"is_read": "is-read is required."})
        return {"is_read": attrs["is_read"]}

    def _unchanged(self, name, value):
        instance = self.instance
        if name == "user":
            sent = value.get("id") if isinstance(value, dict) else value
            return str(sent) == str(instance.user_id)
        if name == "content":
            return value == self.get_content(instance)
        current = getattr(instance, name)
        if isinstance(current, datetime):
            sent = parse_datetime(value) if isinstance(value, str) else None
            return sent is not None and abs((sent - current).total_seconds()) < 0.001
        return value == current

    def get_root_meta(self, resource, many):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return {"unread_count": unread_count(user)}
