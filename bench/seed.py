"""Seeds the benchmark database (run by bench/run.py in a child process with DATABASE_URL set to it).
Prints one JSON line: the ids and tokens the load needs."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventyay.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from events.models import Event, EventTopic, EventType  # noqa: E402
from pages.models import Page  # noqa: E402
from roles.auth import tokens_for  # noqa: E402
from roles.models import User  # noqa: E402
from tests.factories import (  # noqa: E402
    EventFactory,
    SessionFactory,
    SessionTypeFactory,
    SpeakerFactory,
    TrackFactory,
)
from tickets.models import Ticket  # noqa: E402


def main(spec):
    now = timezone.now()
    topic = EventTopic.objects.create(name="Technology", slug="technology")
    kind = EventType.objects.create(name="Conference", slug="conference")
    owner = User.objects.create_user(email="owner@bench.test", password="bench-password-1", first_name="Olga")
    events = [
        EventFactory(owner=owner, event_topic=topic, event_type=kind, schedule_published_on=now,
                     description="<p>A benchmark event with a description of ordinary length.</p>",
                     location_name="Berlin", latitude=52.52, longitude=13.405)  # fmt: skip
        for _ in range(spec["published_events"])
    ]
    Ticket.objects.bulk_create([
        Ticket(event=event, name=f"Ticket {i}", quantity=1000, price=10 * i)
        for event in events for i in range(spec["tickets_per_event"])
    ])  # fmt: skip
    main_event = events[0]
    tracks = [TrackFactory(event=main_event) for _ in range(spec["tracks"])]
    session_type = SessionTypeFactory(event=main_event)
    speakers = [SpeakerFactory(event=main_event) for _ in range(spec["speakers"])]
    for i in range(spec["sessions_on_one_event"]):
        session = SessionFactory(event=main_event, track=tracks[i % len(tracks)], session_type=session_type,
                                 state="accepted")  # fmt: skip
        session.speakers.set([speakers[(i + k) % len(speakers)] for k in range(spec["speakers_per_session"])])
    Page.objects.bulk_create(
        [Page(name=f"Page {i}", url=f"/page-{i}", description="About") for i in range(spec["pages"])]
    )
    admin = User.objects.create_user(email="admin@bench.test", password="bench-password-1", is_admin=True)
    buyers = User.objects.bulk_create(
        [User(email=f"buyer{i}@bench.test", is_active=True) for i in range(spec["rush_buyers"])]
    )
    sockets = int(os.environ.get("BENCH_SOCKETS", 1000))
    listeners = User.objects.bulk_create([User(email=f"socket{i}@bench.test", is_active=True) for i in range(sockets)])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # fresh tables: give the planner real statistics, as autovacuum would
    print(json.dumps({
        "event": main_event.pk,
        "events": Event.objects.count(),
        "admin_token": tokens_for(admin)["access_token"],
        "buyer_tokens": [tokens_for(user)["access_token"] for user in buyers],
        "socket_users": [[user.pk, tokens_for(user)["access_token"]] for user in listeners],
    }))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
