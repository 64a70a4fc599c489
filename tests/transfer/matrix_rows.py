"""Permission-matrix rows for event export/import and the task status endpoint."""

from events.models import TransferTask
from tests.matrix import Row, expect


def rows(world):
    e = world.event.pk
    task = TransferTask.objects.create(task_id="matrix-task", user=world.users["organizer"], kind="export")
    team = {"organizer": 200, "coorganizer": 200, "admin": 200, "super_admin": 200}
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
    ]
