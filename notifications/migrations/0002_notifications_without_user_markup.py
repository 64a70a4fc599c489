"""Notifications stored before issue 10 may hold markup from user text (an event named with an <a> or an <img>):
titles become text (every tag dropped, the rest escaped) and messages keep only simple formatting and links,
as `notify()` now stores them. The rules are frozen here, not imported, so this migration never changes."""

import nh3
from django.db import migrations

MESSAGE_TAGS = {"a", "b", "br", "code", "em", "i", "li", "ol", "p", "strong", "ul"}


def clean_existing(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    batch = []
    for row in Notification.objects.only("pk", "title", "message").iterator(chunk_size=1000):
        title = nh3.clean(row.title or "", tags=set(), attributes={})[:255]
        message = nh3.clean(
            row.message or "",
            tags=MESSAGE_TAGS,
            attributes={"a": {"href", "title"}},
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
        if (title, message) != (row.title, row.message):
            row.title, row.message = title, message
            batch.append(row)
        if len(batch) >= 1000:
            Notification.objects.bulk_update(batch, ["title", "message"])
            batch = []
    if batch:
        Notification.objects.bulk_update(batch, ["title", "message"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(clean_existing, migrations.RunPython.noop)]
