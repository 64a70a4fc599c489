"""Celery tasks for event export and import: ids in, a service call, a notification out. Each holds a lease
while it runs (`events.transfer.lease`): a task whose worker dies is reported FAILURE, never STARTED forever.
Failure reasons are our own sentences, never an exception's text (which could name server paths)."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils.html import format_html

from events import transfer
from events.transfer import lease
from events.transfer.lease import TransferFailed
from eventyay.errors import DomainError
from eventyay.private_storage import delete_quietly, private_storage
from notifications.progress import reports_progress

logger = logging.getLogger(__name__)

__all__ = ["TransferFailed", "export_event_file", "export_event_json", "import_event_json", "sweep_transfers"]


def _notify(user, kind, title, message, target=None):
    from notifications.services import notify

    notify(user=user, kind=kind, title=title, message=message, target=target)


def _run(task, body):
    """Claim the task's lease, run `body(row)` under its heartbeat; a readable failure is recorded for
    `/v1/tasks/<id>`, anything else is logged and reported without its details."""
    task_id = task.request.id
    row = lease.claim(task_id)
    if row is None:
        logger.info("transfer task %s is finished, failed or running elsewhere: not run again", task_id)
        return None
    try:
        with lease.heartbeat(task_id, eager=bool(task.request.is_eager)):
            return body(row)
    except TransferFailed as exc:
        lease.fail(task_id, str(exc))
        raise
    except Exception:
        lease.fail(task_id, lease.UNEXPECTED)
        logger.exception("transfer task %s failed", task_id)
        raise TransferFailed(lease.UNEXPECTED)


@shared_task(name="events.export_json", bind=True, acks_late=False)
@reports_progress("export", user_arg=2)
def export_event_json(self, event_id, user_id, options=None, base_url=None, progress=None):
    def body(row):
        from events.models import Event

        event = Event.objects.filter(pk=event_id).first()
        if event is None:
            raise TransferFailed("The event no longer exists.")
        name = transfer.store_export(event=event, options=options or {}, task_id=row.task_id, progress=progress)
        return _finish_export(row, name, event, base_url, "Export", "export")

    return _run(self, body)


def _finish_export(row, name, event, base_url, title, what):
    """Mark the export task done with its stored file `name` and tell its user where to download it, in one
    transaction; if that fails the file is deleted (nothing points at it)."""
    from events.transfer.downloads import download_path

    try:
        with transaction.atomic():
            row = lease.finish(row.task_id, file_name=name)
            _notify(
                row.user,
                "event_export",
                f"{title} of {event.name} is ready",
                format_html(
                    '<p><a href="{}">Download the {} of {}</a> (the link works for an hour).</p>',
                    (base_url or "").rstrip("/") + download_path(row),
                    what,
                    event.name,
                ),
                target=event,
            )
    except BaseException:
        delete_quietly(private_storage(), name)
        raise
    return {"task_id": row.task_id}


@shared_task(name="events.export_file", bind=True, acks_late=False)
@reports_progress("export", user_arg=2)
def export_event_file(self, event_id, user_id, format_name, options=None, base_url=None, progress=None):
    """One of the file exports of `events.transfer.formats` (iCal, xCal, Pentabarf, CSV, PDF, badges)."""

    def body(row):
        from django.core.files.base import ContentFile

        from events.models import Event
        from events.transfer.formats import FORMATS, build

        event = Event.objects.filter(pk=event_id).first()
        if event is None:
            raise TransferFailed("The event no longer exists.")
        export = FORMATS.get(format_name)
        if export is None:
            raise TransferFailed("Unknown export format.")
        if progress is not None:
            progress(10, f"Building the {export.label}")
        content = build(format_name, event, options or {})
        if progress is not None:
            progress(90, "Storing the export")
        name = private_storage().save(
            f"exports/{row.task_id}/{event.identifier}-{format_name.replace('_', '-')}.{export.extension}",
            ContentFile(content),
        )
        return _finish_export(row, name, event, base_url, export.label, export.label)

    return _run(self, body)


@shared_task(name="events.import_json", bind=True, acks_late=False)
@reports_progress("import", user_arg=1)
def import_event_json(self, user_id, base_url=None, progress=None):
    def body(row):
        storage = private_storage()
        try:
            with storage.open(row.file_name, "rb") as handle:
                content = handle.read()
        except OSError:
            raise TransferFailed("The uploaded file is no longer there; upload it again.")
        try:
            event = transfer.event_import(
                actor=row.user,
                content=content,
                base_url=base_url,
                folder=row.task_id,
                before_commit=lambda event: lease.finish(row.task_id, event=event),
                progress=progress,
            )
        except DomainError as exc:
            _notify(row.user, "event_import", "Event import failed", format_html("<p>{}</p>", exc.detail))
            raise TransferFailed(exc.detail)
        finally:
            delete_quietly(storage, row.file_name)
        message = format_html("<p>{} was imported as a draft.</p>", event.name)
        _notify(row.user, "event_import", f"Imported {event.name}", message, event)
        return {"id": event.pk, "identifier": event.identifier}

    return _run(self, body)


@shared_task(name="events.sweep_transfers")
def sweep_transfers():
    """Beat task: report transfers whose worker died as FAILURE; delete exports past their retention."""
    lost, expired = lease.sweep()
    return {"lost": lost, "expired": expired}
