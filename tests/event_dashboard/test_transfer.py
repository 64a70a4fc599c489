"""Export and import report their progress to the sockets of the user who started them: percent and the
step in words, then SUCCESS or FAILURE (`notifications.progress`)."""

import json

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.files.base import ContentFile

from events import tasks
from events.models import TransferTask
from eventyay.private_storage import private_storage
from notifications.services import user_group
from tests.event_dashboard.conftest import url
from tests.factories import SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


class Socket:
    """A channel in the user's group, as a browser's socket would be."""

    def __init__(self, user):
        self.layer = get_channel_layer()
        self.channel = async_to_sync(self.layer.new_channel)()
        async_to_sync(self.layer.group_add)(user_group(user.pk), self.channel)

    def tasks(self):
        found = []
        while True:
            try:
                message = async_to_sync(self._receive)()
            except TimeoutError:
                return found
            task = message["payload"].get("task")
            if task:
                found.append(task)

    async def _receive(self):
        import asyncio

        return await asyncio.wait_for(self.layer.receive(self.channel), timeout=0.5)


def test_export_reports_every_step_then_success(event, organizer, free_ticket, media_root):
    SessionFactory(event=event).speakers.add(SpeakerFactory(event=event))
    socket = Socket(organizer)
    TransferTask.objects.create(task_id="export-1", user=organizer, kind="export", event=event)
    assert tasks.export_event_json.apply(args=(event.pk, organizer.pk, {}), task_id="export-1").get() == {
        "task_id": "export-1"
    }
    assert TransferTask.objects.get(task_id="export-1").file_name.endswith(".zip")
    messages = socket.tasks()
    assert {m["id"] for m in messages} == {"export-1"} and {m["kind"] for m in messages} == {"export"}
    percents = [m["percent"] for m in messages]
    assert percents == sorted(percents) and len(set(percents)) >= 10
    assert messages[0]["state"] == "PROGRESS" and messages[0]["step"] == "Reading the event"
    assert "Exporting sessions" in [m["step"] for m in messages]
    assert (messages[-1]["state"], messages[-1]["percent"]) == ("SUCCESS", 100)


def test_a_failing_import_reports_failure(organizer, media_root):
    socket = Socket(organizer)
    stored = private_storage().save("imports/pending/bad.json", ContentFile(json.dumps({"format": "nope"}).encode()))
    TransferTask.objects.create(task_id="import-1", user=organizer, kind="import", file_name=stored)
    result = tasks.import_event_json.apply(args=(organizer.pk,), task_id="import-1")
    assert result.failed()
    messages = socket.tasks()
    assert messages[0]["step"] == "Reading the archive"
    assert messages[-1]["state"] == "FAILURE"


def test_progress_goes_only_to_the_user_who_started_the_task(event, organizer, team, free_ticket, media_root):
    other = Socket(team["coorganizer"])
    TransferTask.objects.create(task_id="export-2", user=organizer, kind="export", event=event)
    tasks.export_event_json.apply(args=(event.pk, organizer.pk, {}), task_id="export-2").get()
    assert other.tasks() == []


def test_the_transfer_page_starts_tasks_through_the_api(organizer_client, event):
    html = organizer_client.get(url(event, "transfer")).content.decode()
    assert f'data-url="/v1/events/{event.identifier}/export/json"' in html
    assert 'data-url="/v1/events/import/json"' in html
    assert "js/transfer.js" in html and "csrfmiddlewaretoken" in html
