"""Serializer of ticket tags."""

from eventyay.api.relationships import ToMany, ToOne
from eventyay.api.serializers import ResourceSerializer
from tickets.models import TicketTag


class TicketTagSerializer(ResourceSerializer):
    event = ToOne("event")
    tickets = ToMany("ticket", writable=True)

    class Meta:
        model = TicketTag
        resource_name = "ticket-tag"
        fields = ("name", "deleted_at", "event", "tickets")
        read_only_fields = ("deleted_at",)
        extra_kwargs = {"name": {"required": True}}
