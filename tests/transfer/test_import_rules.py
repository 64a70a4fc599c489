"""The import is as strict as the API (issue 10, item 6): every row through the API's serializers and services,
admin-only flags dropped for non-admins, ranges checked, files through the upload allow-list. All or nothing."""

import io
import json
import zipfile

import pytest

from events.models import Event, Microlocation, Speaker
from events.transfer import event_import
from eventyay.errors import DomainError
from tests.factories import UserFactory
from tests.images import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def document(event=None, **sections):
    base = {"name": "Imported", "starts_at": "2031-05-01T10:00:00Z", "ends_at": "2031-05-02T10:00:00Z"}
    return {"format": "eventyay-event", "version": 1, "event": {**base, **(event or {})}, **sections}


def zipped(doc, files=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("event.json", json.dumps(doc))
        for name, content in (files or {}).items():
            archive.writestr(f"media/{name}", content)
    return out.getvalue()


def run_import(doc, actor=None, files=None):
    return event_import(actor=actor or UserFactory(), content=zipped(doc, files), base_url="http://localhost")


def test_import_sanitizes_html_like_the_api():
    event = run_import(
        document(
            {"description": '<p onclick="x()">Hi<script>evil()</script></p>'},
            speakers=[{"id": 1, "name": "Ada", "long_biography": "<img src=x onerror=alert(1)>bio"}],
        )
    )
    assert event.description == "<p>Hi</p>"
    assert Speaker.objects.get(event=event).long_biography == '<img src="x">bio'


def test_import_drops_admin_only_flags_for_an_organizer():
    event = run_import(document({"is_featured": True, "is_promoted": True, "is_stripe_linked": True}))
    assert (event.is_featured, event.is_promoted, event.is_stripe_linked) == (False, False, False)
    assert event.state == "draft"


def test_import_keeps_admin_only_flags_for_an_admin():
    event = run_import(document({"is_featured": True, "state": "published"}), actor=UserFactory(is_admin=True))
    assert (event.is_featured, event.state) == (True, "draft")


@pytest.mark.parametrize(
    "event_fields,sections,detail",
    [
        ({"latitude": 123.0}, {}, "event: latitude: Latitude must lie between -90 and 90."),
        ({"starts_at": "9999-12-31T23:00:00-11:00"}, {}, "event: starts_at: Datetime value out of range."),
        ({"ends_at": "2999-01-01T00:00:00Z"}, {}, "event: ends_at: Dates must lie between 1900 and 2199."),
        ({"name": ["a list"]}, {}, "event: name: Not a valid string."),
        ({}, {"microlocations": [{"id": 1, "name": "Hall", "longitude": -500}]}, "microlocations[0]: longitude"),
        (
            {},
            {"sessions": [{"id": 1, "title": "T", "starts_at": "2031-05-01T12:00Z", "ends_at": "2031-05-01T11:00Z"}]},
            "sessions[0]: ends_at: A session cannot end before it starts.",
        ),
        ({}, {"tickets": [{"id": 1, "name": "Many", "max_order": 500, "quantity": 1000}]}, "tickets[0]: max_order"),
        ({}, {"session_types": [{"id": 1, "name": "Talk", "length": "forever"}]}, "session_types[0]: length"),
    ],
)
def test_import_refuses_what_the_api_refuses(event_fields, sections, detail):
    before = Event.objects.count()
    with pytest.raises(DomainError) as refused:
        run_import(document(event_fields, **sections))
    assert refused.value.detail.startswith(detail)
    assert Event.objects.count() == before


@pytest.mark.parametrize(
    "name,content",
    [
        ("evil.html", b"<html><script>alert(document.cookie)</script></html>"),
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("evil.js", b"alert(1)"),
        ("fake.png", b"<html><script>alert(1)</script></html>"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_import_refuses_files_the_upload_would_refuse(media_root, name, content):
    doc = document({"logo_url": f"/media/uploads/{name}"})
    with pytest.raises(DomainError) as refused:
        run_import(doc, files={f"uploads/{name}": content})
    assert refused.value.detail.startswith(f"event: logo_url: uploads/{name}:")
    assert not list(media_root.rglob(name))


def test_import_refuses_a_document_where_an_image_belongs():
    doc = document(speakers=[{"id": 1, "name": "Ada", "photo_url": "/media/up/cv.pdf"}])
    with pytest.raises(DomainError) as refused:
        run_import(doc, files={"up/cv.pdf": b"%PDF-1.4 a real enough pdf"})
    assert "an image field must point at an image" in refused.value.detail


def test_import_stores_allowed_files_and_rewrites_their_urls(media_root):
    doc = document(
        {"logo_url": "/media/old/logo.png"},
        sessions=[{"id": 1, "title": "Talk", "slides": None, "audio_url": "/media/old/talk.mp3"}],
    )
    event = run_import(doc, files={"old/logo.png": png_bytes(10, 10), "old/talk.mp3": b"ID3\x03\x00audio"})
    assert event.logo_url.startswith("http://localhost/media/imports/")
    assert (media_root / event.logo_url.split("/media/", 1)[1]).read_bytes() == png_bytes(10, 10)
    assert event.sessions.get().audio_url.startswith("http://localhost/media/imports/")


def test_a_failing_row_leaves_no_files_and_no_rows(media_root):
    doc = document({"logo_url": "/media/old/logo.png"}, tracks=[{"id": 1, "name": ""}])
    before = (Event.objects.count(), Microlocation.objects.count())
    with pytest.raises(DomainError):
        run_import(doc, files={"old/logo.png": png_bytes(10, 10)})
    assert (Event.objects.count(), Microlocation.objects.count()) == before
    assert [p for p in media_root.rglob("*") if p.is_file()] == []
