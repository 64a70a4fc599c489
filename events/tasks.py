"""Celery tasks for event export and import: ids in, a service call, a notification out."""

from celery import shared_task
from django.core.files.storage import default_storage
from django.utils.html import format_html

from events import transfer
from eventyay.errors import DomainError


class TransferFailed(Exception):
    """A readable reason; the task answers FAILURE with it (`/v1/tasks/<id>` shows it as `result`)."""


def _notify(user, kind, title, message, target=None):
    from notifications.services import notify

    notify(user=user, kind=kind, title=title, message=message, target=target)


@shared_task(name="events.export_json")
def export_event_json(event_id, user_id, options=None):
    from events.models import Event
    from roles.models import User

    user = User.objects.get(pk=user_id)
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        raise TransferFailed("The event no longer exists.")
    url = transfer.store_export(event=event, options=options or {})
    _notify(
        user,
        "event_export",
        f"Export of {event.name} is ready",
        format_html('<p><a href="{}">Download the export of {}</a>.</p>', url, event.name),
        target=event,
    )
    return {"download_url": url}


@shared_task(name="events.import_json")
def import_event_json(stored_name, user_id, base_url=None):
    from roles.models import User

    user = User.objects.get(pk=user_id)
    try:
        with default_storage.open(stored_name, "rb") as handle:
            content = handle.read()
        event = transfer.event_import(actor=user, content=content, base_url=base_url)
    except DomainError as exc:
        _notify(user, "event_import", "Event import failed", format_html("<p>{}</p>", exc.detail))
        raise TransferFailed(exc.detail)
    finally:
        default_storage.delete(stored_name)
    message = format_html("<p>{} was imported as a draft.</p>", event.name)
    _notify(user, "event_import", f"Imported {event.name}", message, event)
    return {"id": event.pk, "identifier": event.identifier}
