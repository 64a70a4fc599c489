"""The events every search case runs against (one corpus, both backends)."""

from datetime import timedelta

from django.utils import timezone

from events.models import Event, EventTopic
from tests.factories import EventFactory

CORPUS = {
    "berlin": dict(
        name="Berlin Python Conference",
        location_name="Berlin, Germany",
        topic="Science & Technology",
        owner_name="PyBerlin e.V.",
        description="<p>Talks about <b>Python</b> and data.</p>",
    ),
    "munich": dict(
        name="Open Source Summit München",
        location_name="München",
        topic="Technology",
        owner_name="Linux Foundation",
        description="Kernel talks",
    ),
    "jazz": dict(
        name="Café Jazz Night", location_name="Paris", topic="Music", owner_name="Blue Note", description="Live music"
    ),
    "data": dict(
        name="Data Science Day",
        location_name="Hamburg",
        topic="Science",
        owner_name="Data Hamburg",
        description="A machine learning workshop near Berlin",
    ),
    "kube": dict(
        name="Kubernetes Workshop",
        location_name="Vienna",
        topic="Technology",
        owner_name="Cloud Natives",
        description="Containers",
    ),
    "draft": dict(name="Berlin Secret Draft", location_name="Berlin", state=Event.State.DRAFT),
    "deleted": dict(name="Berlin Deleted Meetup", location_name="Berlin", deleted=True),
}


def make_corpus():
    """{key: event}; the events start one day apart in the order above."""
    events = {}
    start = timezone.now() + timedelta(days=10)
    for i, (key, spec) in enumerate(CORPUS.items()):
        spec = dict(spec)
        topic = spec.pop("topic", None)
        deleted = spec.pop("deleted", False)
        if topic:
            spec["event_topic"] = EventTopic.objects.get_or_create(name=topic)[0]
        event = EventFactory(starts_at=start + timedelta(days=i), **spec)
        if deleted:
            event.soft_delete()
        events[key] = event
    return events
