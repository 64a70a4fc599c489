"""Permission-matrix rows for event export/import, the task status endpoint and the export download (whose
signed link is the credential: anyone holding a valid link downloads, nobody without one does)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from events.models import TransferTask
from events.transfer.downloads import download_path
from eventyay.private_storage import private_storage
from tests.matrix import Row, expect


def rows(world):
    e = world.event.pk
    task = TransferTask.objects.create(task_id="matrix-task", user=world.users["organizer"], kind="export")
    team = {"organizer": 200, "coorganizer": 200, "admin": 200, "super_admin": 200}
    stored = private_storage().save("exports/matrix/export.zip", ContentFile(b"PK zip"))
    done = TransferTask.objects.create(
        task_id="matrix-export",
        user=world.users["organizer"],
        kind="export",
        event=world.event,
        file_name=stored,
        finished_at=timezone.now(),
    )
    return [
        Row("POST", f"/v1/events/{e}/export/json", expect(403, anonymous=401, **team), body={"image": False}),
        Row("GET", f"/v1/events/{e}/export/json", expect(405)),
        # the runner sends JSON; the import takes a multipart file, so a signed-in JSON post is a 415
        Row("POST", "/v1/events/import/json", expect(415, anonymous=401), body={"file": "x"}),
        Row(
            "GET",
            f"/v1/tasks/{task.task_id}",
            expect(404, anonymous=401, organizer=200, admin=200, super_admin=200),
        ),
        Row("GET", f"/v1/tasks/{done.task_id}/download", expect(404), name="without a token"),
        Row("GET", download_path(done), expect(200), name="with the organizer's signed link"),
    ]
