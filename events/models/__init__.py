"""Event models, split by concept. Import from `events.models`."""

from events.models.event import Event, EventSubTopic, EventTopic, EventType, generate_identifier

__all__ = ["Event", "EventSubTopic", "EventTopic", "EventType", "generate_identifier"]
