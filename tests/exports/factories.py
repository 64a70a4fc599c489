"""Orders and attendees for the export tests."""

from decimal import Decimal

import factory

from tests.factories import EventFactory, TicketFactory, UserFactory


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Order"

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = "completed"
    amount = Decimal("25.00")
    paid_via = "stripe"


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Attendee"

    order = factory.SubFactory(OrderFactory)
    event = factory.LazyAttribute(lambda o: o.order.event)
    ticket = factory.LazyAttribute(lambda o: TicketFactory(event=o.order.event))
    firstname = factory.Sequence(lambda n: f"First{n}")
    lastname = "Holder"
    email = factory.Sequence(lambda n: f"holder{n}@example.org")
    price = Decimal("25.00")
