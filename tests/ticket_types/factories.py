"""Factories of the types this package tests: taxes, ticket tags and fees, stations, scans, event invoices."""

import factory

from tests.factories import EventFactory, MicrolocationFactory


class TaxFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Tax"

    event = factory.SubFactory(EventFactory)
    name = "VAT"
    rate = "19.00000000"
    tax_id = "DE123456789"
    registered_company = "Example GmbH"
    country = "DE"


class TicketTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.TicketTag"

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Tag {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Tag"

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Attendee tag {n}")
    color = "#0000FF"


class TicketFeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.TicketFee"

    currency = factory.Sequence(lambda n: "".join(chr(65 + (n // 26**i) % 26) for i in (2, 1, 0)))
    service_fee = "2.50"
    maximum_fee = "5.00"


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Station"

    event = factory.SubFactory(EventFactory)
    station_name = factory.Sequence(lambda n: f"Desk {n}")
    station_type = "registration"


class RoomStationFactory(StationFactory):
    station_type = "check in"
    microlocation = factory.SubFactory(MicrolocationFactory, event=factory.SelfAttribute("..event"))


class StationStorePaxFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.StationStorePax"

    station = factory.SubFactory(StationFactory)
    session = factory.SubFactory("tests.factories.SessionFactory", event=factory.SelfAttribute("..station.event"))
    current_pax = 12


class EventInvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.EventInvoice"

    event = factory.SubFactory(EventFactory)
    user = factory.SelfAttribute("event.owner")
    amount = "100.00"
    status = "pending"
