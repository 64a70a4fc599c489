"""`/v1/tags`, `/v1/events/<event_id>/tags`: an event's attendee tags (the client's attendee list creates the
defaults and shows them per attendee), read by the event's team that may read attendees, written by its
organizer and co-organizers (as the Open Event Server does)."""

from django.db.models import Q

from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from roles.selectors import event_ids_granting
from tickets.api.tag_serializers import TagSerializer
from tickets.services import tags

MANAGERS = "is_coorganizer"
READERS = ("read", "attendee")


class TagViewSet(EventScopedMixin, JsonApiViewSet):
    serializer_class = TagSerializer
    collection_actions = {"post": "create"}
    permission_rules = {"list": READERS, "retrieve": READERS, "*": MANAGERS}
    trashed_rule = MANAGERS
    services = ServiceSet(create=tags.tag_create, update=tags.tag_update, delete=tags.tag_delete)

    def readable(self, queryset):
        return self.readable_by_members(
            queryset, lambda user: Q(event_id__in=event_ids_granting(user, "attendee"), event__deleted_at__isnull=True)
        )
