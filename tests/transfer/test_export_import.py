"""Event export and import through the API, the tasks they run, and `/v1/tasks/<id>`."""

import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from events.models import Event, Faq, Session, Speaker, Track
from notifications.models import Notification
from roles.auth import tokens_for
from roles.models import Role, UsersEventsRoles
from tests.factories import (
    EventFactory,
    FaqFactory,
    FaqTypeFactory,
    SessionFactory,
    SpeakerFactory,
    TicketFactory,
    TrackFactory,
    UserFactory,
)
from tests.images import png_bytes
from tickets.models import Ticket

pytestmark = pytest.mark.django_db

LOGO = png_bytes(40, 20)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


def client_for(user):
    # a host URL validation accepts (the import makes media URLs absolute against it; "testserver" has no TLD)
    return Client(SERVER_NAME="localhost", headers={"Authorization": f"JWT {tokens_for(user)['access_token']}"})


@pytest.fixture
def organizer():
    return UserFactory()


@pytest.fixture
def event(organizer):
    event = EventFactory(name="Export Summit")
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    logo = default_storage.save("events/logo.png", io.BytesIO(LOGO))
    event.logo_url = default_storage.url(logo)
    event.save()
    TicketFactory(event=event, name="Regular", type="paid", price=25, quantity=40)
    track = TrackFactory(event=event, name="Web")
    speaker = SpeakerFactory(event=event, name="Ada")
    session = SessionFactory(event=event, title="Keynote", track=track)
    session.speakers.add(speaker)
    FaqFactory(event=event, faq_type=FaqTypeFactory(event=event, name="Travel"), question="Bus?")
    return event


def run(django_capture_on_commit_callbacks, send):
    with django_capture_on_commit_callbacks(execute=True):
        response = send()
    return response


def export(client, event, callbacks, **options):
    response = run(
        callbacks,
        lambda: client.post(f"/v1/events/{event.identifier}/export/json", options, content_type="application/json"),
    )
    assert response.status_code == 200, response.content
    return response.json()["task_url"]


def archive_bytes(url):
    """The export's zip through its signed download link (no credentials needed: the link is one)."""
    path = url.removeprefix("http://localhost")
    response = Client().get(path)
    assert response.status_code == 200, response.content
    assert response["Content-Disposition"].startswith("attachment")
    return b"".join(response.streaming_content)


def test_export_task_succeeds_with_a_download_and_a_notification(
    organizer, event, media_root, django_capture_on_commit_callbacks
):
    client = client_for(organizer)
    task_url = export(client, event, django_capture_on_commit_callbacks, image=True)
    state = client.get(task_url).json()
    assert state["state"] == "SUCCESS"
    content = archive_bytes(state["result"]["download_url"])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        document = json.loads(archive.read("event.json"))
        assert archive.read("media/events/logo.png") == LOGO
    assert document["event"]["name"] == "Export Summit"
    assert [t["name"] for t in document["tickets"]] == ["Regular"]
    assert document["sessions"][0]["speaker_ids"] == [document["speakers"][0]["id"]]
    notice = Notification.objects.get(user=organizer, kind="event_export")
    assert 'href="http://localhost/v1/tasks/' in notice.message and "/download?token=" in notice.message


def test_export_without_media_option_has_no_files(organizer, event, media_root, django_capture_on_commit_callbacks):
    client = client_for(organizer)
    state = client.get(export(client, event, django_capture_on_commit_callbacks)).json()
    with zipfile.ZipFile(io.BytesIO(archive_bytes(state["result"]["download_url"]))) as archive:
        assert archive.namelist() == ["event.json"]


def test_import_recreates_the_event_graph_as_a_new_draft(
    organizer, event, media_root, django_capture_on_commit_callbacks
):
    client = client_for(organizer)
    download = client.get(export(client, event, django_capture_on_commit_callbacks, image=True)).json()
    content = archive_bytes(download["result"]["download_url"])
    importer = UserFactory()
    response = run(
        django_capture_on_commit_callbacks,
        lambda: client_for(importer).post("/v1/events/import/json", {"file": SimpleUploadedFile("e.zip", content)}),
    )
    assert response.status_code == 200, response.content
    state = client_for(importer).get(response.json()["task_url"]).json()
    assert state["state"] == "SUCCESS", state
    copy = Event.objects.get(pk=state["result"]["id"])
    assert copy.pk != event.pk and copy.identifier != event.identifier
    assert copy.state == "draft" and copy.name == "Export Summit"
    assert UsersEventsRoles.objects.filter(user=importer, event=copy, role__name="organizer").exists()
    assert list(Ticket.objects.filter(event=copy).values_list("name", "quantity")) == [("Regular", 40)]
    session = Session.objects.get(event=copy)
    assert session.track == Track.objects.get(event=copy, name="Web")
    assert list(session.speakers.all()) == list(Speaker.objects.filter(event=copy))
    assert Faq.objects.get(event=copy).faq_type.event == copy
    assert copy.logo_url != event.logo_url
    assert copy.logo_url.startswith("http://localhost/media/imports/")
    assert (media_root / copy.logo_url.split("/media/", 1)[1]).read_bytes() == LOGO
    assert Notification.objects.filter(user=importer, kind="event_import", title="Imported Export Summit").exists()


def test_import_with_a_bad_row_fails_promptly_with_a_reason_and_writes_nothing(
    organizer, event, django_capture_on_commit_callbacks
):
    document = {
        "format": "eventyay-event",
        "version": 1,
        "event": {"name": "Broken", "starts_at": "2030-01-01T10:00:00Z", "ends_at": "2030-01-02T10:00:00Z"},
        "tracks": [{"id": 1, "name": "Web"}],
        "sessions": [{"id": 1, "title": "Talk", "track_id": 99}],
    }
    before = Event.objects.count()
    upload = SimpleUploadedFile("event.json", json.dumps(document).encode())
    response = run(
        django_capture_on_commit_callbacks,
        lambda: client_for(organizer).post("/v1/events/import/json", {"file": upload}),
    )
    state = client_for(organizer).get(response.json()["task_url"]).json()
    assert state == {"state": "FAILURE", "result": "sessions[0]: track_id 99 is not in tracks."}
    assert Event.objects.count() == before
    assert Notification.objects.filter(user=organizer, title="Event import failed").exists()


@pytest.mark.parametrize(
    "name,content,detail",
    [
        ("e.zip", b"PK\x03\x04 not really", "The file is not a valid zip archive."),
        ("e.json", b"{nope", "event.json is not valid JSON"),
        ("e.json", b'{"format": "other"}', "This is not an eventyay event export"),
        ("e.exe", b"MZ", "Import a .zip export or its event.json."),
    ],
)
def test_import_of_a_file_that_is_not_an_export_is_422_at_once(organizer, name, content, detail):
    response = client_for(organizer).post("/v1/events/import/json", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 422
    assert response.json()["errors"][0]["detail"].startswith(detail)


def test_import_without_a_file_is_422(organizer):
    assert client_for(organizer).post("/v1/events/import/json", {}).status_code == 422


def test_only_the_team_exports(event):
    response = client_for(UserFactory()).post(f"/v1/events/{event.pk}/export/json", {}, content_type="application/json")
    assert response.status_code == 403
    assert Client().post(f"/v1/events/{event.pk}/export/json", {}, content_type="application/json").status_code == 401


def test_draft_of_another_team_is_404_for_export():
    draft = EventFactory(state="draft")
    response = client_for(UserFactory()).post(f"/v1/events/{draft.pk}/export/json", {}, content_type="application/json")
    assert response.status_code == 404


def test_a_task_is_visible_to_its_owner_only(organizer, event, django_capture_on_commit_callbacks):
    task_url = export(client_for(organizer), event, django_capture_on_commit_callbacks)
    assert client_for(UserFactory()).get(task_url).status_code == 404
    assert client_for(UserFactory(is_admin=True)).get(task_url).status_code == 200
    assert Client().get(task_url).status_code == 401
    assert client_for(organizer).get("/v1/tasks/no-such-task").status_code == 404


def test_a_task_not_started_yet_is_waiting(organizer, event):
    # outside on_commit capture the task is recorded but not queued yet: the client sees WAITING
    response = client_for(organizer).post(f"/v1/events/{event.pk}/export/json", {}, content_type="application/json")
    assert client_for(organizer).get(response.json()["task_url"]).json() == {"state": "WAITING", "result": None}


def test_transfer_tasks_show_in_the_admin(organizer, event):
    from events.models import TransferTask

    TransferTask.objects.create(task_id="t-1", user=organizer, kind="export", event=event)
    admin = Client()
    admin.force_login(UserFactory(is_super_admin=True))
    response = admin.get("/admin/events/transfertask/")
    assert response.status_code == 200
    assert b"t-1" in response.content
