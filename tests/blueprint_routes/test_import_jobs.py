"""import_jobs.apib: `GET /v1/import-jobs` lists the imports a user started (admins: everyone's), read only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import TransferTask
from tests.conftest import ApiClient
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def job(user, name, **fields):
    return TransferTask.objects.create(task_id=name, user=user, kind=TransferTask.Kind.IMPORT, **fields)


def test_a_user_lists_their_own_imports_with_status_and_result():
    user, other = UserFactory(), UserFactory()
    event = EventFactory()
    done = job(user, "done", event=event, finished_at=timezone.now())
    job(user, "failed", failure="The file is not an eventyay export.", finished_at=timezone.now())
    job(user, "waiting")
    job(other, "someone-elses")
    TransferTask.objects.create(task_id="an-export", user=user, kind=TransferTask.Kind.EXPORT)
    body = ApiClient(user).get("/v1/import-jobs").json()
    seen = {row["attributes"]["task"]: row["attributes"] for row in body["data"]}
    assert set(seen) == {"done", "failed", "waiting"}
    assert (seen["done"]["result-status"], seen["done"]["result"]) == ("SUCCESS", str(event.pk))
    assert (seen["failed"]["result-status"], seen["failed"]["result"]) == (
        "FAILURE",
        "The file is not an eventyay export.",
    )
    assert (seen["waiting"]["result-status"], seen["waiting"]["result"]) == ("PENDING", None)
    assert {row["type"] for row in body["data"]} == {"import-job"}
    assert ApiClient(other).get(f"/v1/import-jobs/{done.pk}").status_code == 404


def test_admins_see_every_import_and_nobody_writes():
    job(UserFactory(), "a")
    admin = UserFactory(is_admin=True)
    assert len(ApiClient(admin).get("/v1/import-jobs").json()["data"]) == 1
    created = ApiClient(admin).post("/v1/import-jobs", {"data": {"type": "import-job", "attributes": {}}})
    assert created.status_code == 405


def test_import_jobs_list_query_count_does_not_grow():
    user = UserFactory()
    client = ApiClient(user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/v1/import-jobs").status_code == 200
        return len(ctx.captured_queries)

    job(user, "one", event=EventFactory(), finished_at=timezone.now())
    few = count()
    for index in range(4):
        job(user, f"more-{index}", event=EventFactory(), finished_at=timezone.now())
    assert count() == few
