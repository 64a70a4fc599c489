"""Event export and import (JSON in a zip), run by Celery tasks (`events.tasks`).

* `export`: the zip of an event and, on request, its media; stored privately (`store_export`).
* `archive`: reading such a zip (or a bare `event.json`) — structure, size, zip bombs.
* `importer`: a new draft event from it, every row through the API's serializers and services.
* `lease`: a running task's heartbeat; a task whose worker died is reported FAILURE and cleaned up.
* `downloads`: the signed, expiring link through which who may export the event downloads the zip.
"""

from events.transfer.archive import read_archive
from events.transfer.export import FORMAT, MEDIA_OPTIONS, SECTIONS, VERSION, event_export, store_export
from events.transfer.importer import MAX_IMPORT_ROWS, event_import

__all__ = [
    "FORMAT",
    "MAX_IMPORT_ROWS",
    "MEDIA_OPTIONS",
    "SECTIONS",
    "VERSION",
    "event_export",
    "event_import",
    "read_archive",
    "store_export",
]
