"""The searchable types of the events app. Sessions and speakers would be registered here too."""

from django.db.models import Q

from events.search.registry import SearchableType, SearchField, register


def _join(*parts):
    return " ".join(p for p in parts if p)


def _location(event):
    # the seed indexes the searchable location name; the full location name is what people type
    return _join(event.searchable_location_name, event.location_name)


def _topics(event):
    return _join(
        getattr(event.event_topic, "name", ""),
        getattr(event.event_sub_topic, "name", ""),
        getattr(event.event_type, "name", ""),
    )


EVENT = register(
    SearchableType(
        name="event",
        model_label="events.Event",
        entry_label="events.EventSearchEntry",
        document="events.search.documents.EventDocument",
        fields=(
            SearchField("name", "A", lambda e: e.name),
            SearchField("location", "B", _location),
            SearchField("topic", "B", _topics),
            SearchField("organizer", "C", lambda e: e.owner_name),
            SearchField("description", "D", lambda e: e.description),
            SearchField("organizer_description", "D", lambda e: e.owner_description),
        ),
        public_q=Q(state="published", deleted_at__isnull=True),
        is_public=lambda e: e.state == "published" and e.deleted_at is None,
        select_related=("event_topic", "event_sub_topic", "event_type"),
        related={
            "events.EventTopic": "event_topic",
            "events.EventSubTopic": "event_sub_topic",
            "events.EventType": "event_type",
        },
    )
)
