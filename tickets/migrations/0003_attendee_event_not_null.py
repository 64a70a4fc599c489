"""Seed 000: a column that was nullable becomes NOT NULL — fill the NULLs first, then tighten.

`Attendee.event` is a denormalised copy of `attendee.ticket.event` (lists and permission checks filter
on it without a join). Rows written before it was filled in get it from their ticket.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_attendee_event(apps, schema_editor):
    Attendee = apps.get_model("tickets", "Attendee")
    Ticket = apps.get_model("tickets", "Ticket")
    Attendee.objects.filter(event__isnull=True).update(
        event=Subquery(Ticket.objects.filter(pk=OuterRef("ticket_id")).values("event_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("tickets", "0002_codes_orders_attendees")]

    operations = [
        migrations.RunPython(fill_attendee_event, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="attendee",
            name="event",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="attendees", to="events.event"
            ),
        ),
    ]
