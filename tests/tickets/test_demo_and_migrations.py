import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import Event

BEFORE = [("tickets", "0002_codes_orders_attendees")]
AFTER = [("tickets", "0003_attendee_event_not_null")]


@pytest.mark.django_db
def test_load_demo_creates_free_paid_and_donation_tickets_once():
    call_command("load_demo")
    call_command("load_demo")
    event = Event.objects.get(identifier="demo2026")
    assert sorted(event.tickets.values_list("type", flat=True)) == ["donation", "free", "paid"]
    assert event.discount_codes.get().code == "DEMO10"


@pytest.mark.django_db(transaction=True)
def test_migration_fills_null_attendee_event_before_not_null():
    """Seed 000: rows written while the column was nullable get a value, then the column becomes NOT NULL."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    event = apps.get_model("events", "Event").objects.create(
        name="Old", starts_at="2030-01-01T10:00Z", ends_at="2030-01-02T10:00Z"
    )
    ticket = apps.get_model("tickets", "Ticket").objects.create(event=event, name="Old ticket")
    order = apps.get_model("tickets", "Order").objects.create(event=event, identifier="legacy-1")
    attendee = apps.get_model("tickets", "Attendee").objects.create(order=order, ticket=ticket, event=None, seat=1)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    apps = executor.loader.project_state(AFTER).apps
    Attendee = apps.get_model("tickets", "Attendee")
    assert Attendee.objects.get(pk=attendee.pk).event_id == event.pk
    assert Attendee._meta.get_field("event").null is False
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
