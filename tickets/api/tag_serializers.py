"""Serializers of ticket tags and attendee tags."""

from eventyay.api.relationships import ToMany, ToOne
from eventyay.api.serializers import ResourceSerializer
from tickets.models import Tag, TicketTag


class TicketTagSerializer(ResourceSerializer):
    event = ToOne("event")
    tickets = ToMany("ticket", writable=True)

    class Meta:
        model = TicketTag
        resource_name = "ticket-tag"
        fields = ("name", "deleted_at", "event", "tickets")
        read_only_fields = ("deleted_at",)
        extra_kwargs = {"name": {"required": True}}


class TagSerializer(ResourceSerializer):
    """An attendee tag (`tag`, the Open Event client's model: name, color, is-read-only, event)."""

    event = ToOne("event")

    class Meta:
        model = Tag
        resource_name = "tag"
        fields = ("name", "color", "is_read_only", "deleted_at", "event")
        read_only_fields = ("deleted_at",)
        extra_kwargs = {"name": {"required": True}, "color": {"required": False}}
