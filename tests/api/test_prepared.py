"""Queries compiled once per process (eventyay.prepared) answer what the ORM answers, or leave it to the ORM."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eventyay.prepared import Prepared
from roles.models import UsersEventsRoles
from tests.factories import EventFactory, TicketFactory, UserFactory
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


def tickets_of(ids, event_id):
    return Ticket.objects.filter(pk__in=ids, event_id=event_id).order_by("pk")


def test_model_rows_are_the_orms_rows_field_for_field():
    event = EventFactory()
    made = [TicketFactory(event=event, price=Decimal("12.50"), type="paid"), TicketFactory(event=event)]
    TicketFactory()  # another event's
    prepared = Prepared(tickets_of, ids=[1], event_id=1)
    ids = [t.pk for t in made]
    for _ in range(2):  # compiled on the first call, bound on the second
        rows = prepared.rows(ids=ids, event_id=event.pk)
        orm = list(tickets_of(ids, event.pk))
        assert [r.pk for r in rows] == [t.pk for t in orm]
        for row, expected in zip(rows, orm, strict=True):
            for field in Ticket._meta.concrete_fields:
                assert getattr(row, field.attname) == getattr(expected, field.attname), field.name
        assert rows[0].price == Decimal("12.50") and isinstance(rows[0].price, Decimal)
        assert rows[0]._state.adding is False
    assert len(prepared._compiled) == 1


def test_each_list_length_is_its_own_shape_and_an_empty_list_asks_nothing():
    event = EventFactory()
    one, two = TicketFactory(event=event), TicketFactory(event=event)
    prepared = Prepared(tickets_of, ids=[1], event_id=1)
    assert [t.pk for t in prepared.rows(ids=[one.pk], event_id=event.pk)] == [one.pk]
    assert [t.pk for t in prepared.rows(ids=[one.pk, two.pk], event_id=event.pk)] == [one.pk, two.pk]
    with CaptureQueriesContext(connection) as queries:
        assert prepared.rows(ids=[], event_id=event.pk) == []
    assert len(queries) == 0


def test_annotations_and_constants_of_the_query_are_kept():
    user, other = UserFactory(), UserFactory()
    event = EventFactory(state="published")
    from roles.models import Role

    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name="organizer"))

    def build(user_id, event_id):
        team = Exists(UsersEventsRoles.objects.filter(event=OuterRef("pk"), user_id=user_id))
        from events.models import Event

        return Event.objects.filter(Q(pk=event_id), state__in=["published", "draft"]).annotate(on_team=team)

    prepared = Prepared(build, user_id=1, event_id=1)
    assert prepared.first(user_id=user.pk, event_id=event.pk).on_team is True
    assert prepared.first(user_id=other.pk, event_id=event.pk).on_team is False
    event.state = "cancelled"
    event.save()
    assert prepared.first(user_id=user.pk, event_id=event.pk) is None  # the constants still filter


def test_tuples_apply_the_orms_converters():
    ticket = TicketFactory(price=Decimal("3.10"), type="paid")
    prepared = Prepared(lambda pk: Ticket.objects.filter(pk=pk).values_list("pk", "price"), pk=1)
    assert prepared.tuples(pk=ticket.pk) == list(Ticket.objects.filter(pk=ticket.pk).values_list("pk", "price"))
    assert isinstance(prepared.tuples(pk=ticket.pk)[0][1], Decimal)


def test_a_value_the_orm_rewrites_is_left_to_the_orm():
    """`contains` wraps the value in `%…%`: the sample is not among the parameters as given, so nothing is
    prepared and each call is the ORM's own query."""
    TicketFactory(name="Early bird")
    prepared = Prepared(lambda text: Ticket.objects.filter(name__contains=text), text="x")
    assert [t.name for t in prepared.rows(text="bird")] == ["Early bird"]
    assert list(prepared._compiled.values()) == [None]


def test_a_value_used_twice_is_left_to_the_orm():
    event = EventFactory()
    ticket = TicketFactory(event=event)
    prepared = Prepared(lambda pk: Ticket.objects.filter(Q(pk=pk) | Q(event_id=pk)), pk=1)
    assert [t.pk for t in prepared.rows(pk=ticket.pk)] == [ticket.pk]
    assert list(prepared._compiled.values()) == [None]


def test_a_time_is_bound_where_the_database_takes_it_as_given():
    ticket = TicketFactory()
    prepared = Prepared(lambda pk, now: Ticket.objects.filter(pk=pk, created_at__lte=now), pk=1, now=timezone.now())
    assert [t.pk for t in prepared.rows(pk=ticket.pk, now=timezone.now())] == [ticket.pk]
    assert prepared.rows(pk=ticket.pk, now=ticket.created_at - timezone.timedelta(seconds=1)) == []


def test_a_value_of_another_type_is_left_to_the_orm():
    ticket = TicketFactory()
    prepared = Prepared(lambda pk: Ticket.objects.filter(pk=pk), pk=1)
    assert [t.pk for t in prepared.rows(pk=str(ticket.pk))] == [ticket.pk]
    assert prepared.rows(pk=None) == []
    assert prepared._compiled == {}
    with pytest.raises(TypeError):
        Prepared(lambda pk: Ticket.objects.filter(pk=pk), pk=1.5)
