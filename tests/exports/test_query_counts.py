"""Building an export takes a fixed number of queries, whatever the number of rows (1 vs 5)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.transfer.formats import FORMATS, build
from tests.exports.conftest import START
from tests.exports.factories import AttendeeFactory, OrderFactory
from tests.factories import EventFactory, MicrolocationFactory, SessionFactory, SpeakerFactory, TicketFactory

pytestmark = pytest.mark.django_db


def populated(count):
    event = EventFactory(starts_at=START, ends_at=START + timedelta(days=1))
    ticket = TicketFactory(event=event, quantity=100)
    room = MicrolocationFactory(event=event)
    for index in range(count):
        order = OrderFactory(event=event)
        attendees = [AttendeeFactory(order=order, ticket=ticket) for _ in range(2)]
        session = SessionFactory(
            event=event, starts_at=START + timedelta(hours=index), ends_at=START + timedelta(hours=index, minutes=30)
        )
        session.microlocation = room
        session.save()
        session.speakers.add(SpeakerFactory(event=event), SpeakerFactory(event=event))
    options = {"attendee_ids": [a.pk for a in attendees], "fields": ["name", "ticket"], "status": "all"}
    return event, options


def queries(name, event, options):
    with CaptureQueriesContext(connection) as captured:
        build(name, event, options)
    return len(captured)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_an_export_of_five_rows_takes_as_many_queries_as_one_of_one(name):
    small, small_options = populated(1)
    large, large_options = populated(5)
    assert queries(name, large, large_options) == queries(name, small, small_options)
