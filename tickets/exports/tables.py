"""The orders and attendees tables of an event, for its team (buyers' and attendees' contact details are in
them: they are private exports). Each is a fixed number of queries, whatever the number of rows."""

from collections import Counter

from django.db.models import Prefetch

from events.transfer.formats.schedule import zone
from events.transfer.formats.tabular import Column, Table, custom_columns
from tickets.models import Attendee, Order


def _buyer(order, field):
    return getattr(order.user, field, "") if order.user_id else ""


def _tickets(order):
    counts = Counter(a.ticket.name for a in order.listed_attendees)
    return ", ".join(f"{name} × {count}" for name, count in sorted(counts.items()))


def orders_table(event, options):
    rows = (
        Order.objects.filter(event=event)
        .select_related("user", "discount_code")
        .prefetch_related(
            Prefetch("attendees", queryset=Attendee.objects.select_related("ticket"), to_attr="listed_attendees")
        )
        .order_by("created_at", "pk")
    )
    columns = [
        Column("Order#", lambda o: o.identifier),
        Column("Order Date", lambda o: o.created_at),
        Column("Status", lambda o: o.status),
        Column("Payment Type", lambda o: o.paid_via or o.payment_mode),
        Column("Total Amount", lambda o: o.amount),
        Column("Quantity", lambda o: len(o.listed_attendees)),
        Column("Tickets", _tickets),
        Column("Discount Code", lambda o: o.discount_code.code if o.discount_code_id else "", pdf=False),
        Column("First Name", lambda o: _buyer(o, "first_name")),
        Column("Last Name", lambda o: _buyer(o, "last_name")),
        Column("Email", lambda o: _buyer(o, "email")),
        Column("Company", lambda o: o.company, pdf=False),
        Column("Address", lambda o: o.address, pdf=False),
        Column("City", lambda o: o.city, pdf=False),
        Column("State", lambda o: o.state, pdf=False),
        Column("Country", lambda o: o.country, pdf=False),
        Column("Zip Code", lambda o: o.zipcode, pdf=False),
        Column("Tax Business Info", lambda o: o.tax_business_info, pdf=False),
        Column("Transaction ID", lambda o: o.transaction_id, pdf=False),
        Column("Completed At", lambda o: o.completed_at, pdf=False),
    ]
    return Table(f"Orders of {event.name}", columns, rows, tz=zone(event))


def attendees_table(event, options):
    rows = list(
        Attendee.objects.filter(event=event)
        .select_related("order", "ticket")
        .order_by("order__created_at", "order_id", "pk")
    )
    columns = [
        Column("Order#", lambda a: a.order.identifier),
        Column("Order Date", lambda a: a.order.created_at, pdf=False),
        Column("Order Status", lambda a: a.order.status),
        Column("Payment Type", lambda a: a.order.paid_via or a.order.payment_mode, pdf=False),
        Column("Ticket Name", lambda a: a.ticket.name),
        Column("Ticket Price", lambda a: a.price),
        Column("First Name", lambda a: a.firstname),
        Column("Last Name", lambda a: a.lastname),
        Column("Email", lambda a: a.email),
        Column("Checked In", lambda a: a.is_checked_in),
        Column("Phone", lambda a: a.phone, pdf=False),
        Column("Company", lambda a: a.company, pdf=False),
        Column("Job Title", lambda a: a.job_title, pdf=False),
        Column("City", lambda a: a.city, pdf=False),
        Column("Country", lambda a: a.country, pdf=False),
        Column("Gender", lambda a: a.gender, pdf=False),
        Column("Check-in Times", lambda a: a.checkin_times, pdf=False),
    ]
    columns += custom_columns(rows, columns)
    return Table(f"Attendees of {event.name}", columns, rows, tz=zone(event))
