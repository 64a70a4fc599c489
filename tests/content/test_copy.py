"""POST /v1/events/<id|identifier>/copy: the copy's graph, its media, and the untouched original."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from events.copy import media_name
from events.models import Event, Faq, Session, Speaker, Sponsor
from roles.models import RoleInvite, UsersEventsRoles
from tests.conftest import ApiClient
from tests.content.conftest import give_role
from tests.factories import (
    AccessCodeFactory,
    CustomFormFactory,
    DiscountCodeFactory,
    EventFactory,
    FaqFactory,
    FaqTypeFactory,
    MicrolocationFactory,
    SessionFactory,
    SessionTypeFactory,
    SocialLinkFactory,
    SpeakerFactory,
    SponsorFactory,
    TicketFactory,
    TrackFactory,
    UserFactory,
)


def _stored(name, payload):
    return default_storage.save(f"tests/copy/{name}", ContentFile(payload))


def _snapshot(event):
    """Everything the copy could disturb on the original, as plain values."""
    return {
        "event": Event.objects.filter(pk=event.pk).values().get(),
        "tickets": list(event.tickets.values().order_by("pk")),
        "tracks": list(event.tracks.values().order_by("pk")),
        "session_types": list(event.session_types.values().order_by("pk")),
        "microlocations": list(event.microlocations.values().order_by("pk")),
        "speakers": list(event.speakers.values().order_by("pk")),
        "sessions": list(event.sessions.values().order_by("pk")),
        "session_speakers": list(event.sessions.values_list("pk", "speakers").order_by("pk", "speakers")),
        "sponsors": list(event.sponsors.values().order_by("pk")),
        "social_links": list(event.social_links.values().order_by("pk")),
        "custom_forms": list(event.custom_forms.values().order_by("pk")),
        "faq_types": list(event.faq_types.values().order_by("pk")),
        "faqs": list(event.faqs.values().order_by("pk")),
        "discount_codes": list(event.discount_codes.values_list("pk", flat=True)),
        "access_codes": list(event.access_codes.values_list("pk", flat=True)),
        "roles": list(UsersEventsRoles.objects.filter(event=event).values_list("user_id", "role__name")),
    }


@pytest.fixture
def full_event(organizer, event):
    logo = _stored("logo.png", b"logo-bytes")
    photo = _stored("photo.jpg", b"photo-bytes")
    sponsor_logo = _stored("sponsor.png", b"sponsor-bytes")
    event.logo_url = default_storage.url(logo)
    event.original_image_url = "https://cdn.example.org/external.png"
    event.description = "<p>Hello</p>"
    event.is_featured = True
    event.save()
    ticket = TicketFactory(event=event, name="Early bird", type="paid", price=10, quantity=50)
    code = DiscountCodeFactory(event=event)
    ticket.discount_code = code
    ticket.save()
    AccessCodeFactory(event=event)
    TicketFactory(event=event, name="Gone").soft_delete()
    track = TrackFactory(event=event, name="Web")
    session_type = SessionTypeFactory(event=event, name="Talk")
    room = MicrolocationFactory(event=event, name="Hall")
    speaker = SpeakerFactory(event=event, name="Ada", photo_url=f"http://testserver{default_storage.url(photo)}")
    session = SessionFactory(event=event, title="Keynote", track=track, session_type=session_type, microlocation=room)
    session.speakers.add(speaker)
    SessionFactory(event=event, title="Trashed").soft_delete()
    SponsorFactory(event=event, name="ACME", logo_url=default_storage.url(sponsor_logo))
    SocialLinkFactory(event=event)
    CustomFormFactory(event=event, form="speaker", field_identifier="shirt")
    faq_type = FaqTypeFactory(event=event, name="Travel")
    FaqFactory(event=event, faq_type=faq_type, question="Bus?")
    give_role(UserFactory(), event, "coorganizer")
    return event


@pytest.mark.django_db
def test_event_copy_copies_graph_repoints_relations_and_leaves_original_untouched(org_api, organizer, full_event):
    original = _snapshot(full_event)
    response = org_api.post(f"/v1/events/{full_event.identifier}/copy", {})
    assert response.status_code == 200, response.content
    doc = response.json()
    assert doc["copied"] is True
    copy = Event.objects.get(pk=doc["id"])
    assert doc["identifier"] == copy.identifier
    assert response["Location"].endswith(f"/v1/events/{copy.pk}")

    assert copy.pk != full_event.pk
    assert copy.identifier != full_event.identifier
    assert (copy.name, copy.description, copy.starts_at) == (
        full_event.name,
        full_event.description,
        full_event.starts_at,
    )
    assert copy.state == "draft"
    assert (copy.is_featured, copy.is_stripe_linked) == (False, False)
    assert copy.owner == organizer
    assert list(UsersEventsRoles.objects.filter(event=copy).values_list("user", "role__name")) == [
        (organizer.pk, "organizer")
    ]

    # tickets: alive rows copied with every field, no discount code carried over
    assert list(copy.tickets.values_list("name", "type", "price", "quantity")) == [("Early bird", "paid", 10, 50)]
    assert copy.tickets.get().discount_code_id is None
    # never copied
    assert not copy.discount_codes.exists()
    assert not copy.access_codes.exists()
    assert not RoleInvite.objects.filter(event=copy).exists()
    assert not copy.orders.exists()

    # every content type copied, each row belonging to the copy
    for related in ("tracks", "session_types", "microlocations", "speakers", "sponsors", "social_links",
                    "custom_forms", "faq_types"):  # fmt: skip
        assert getattr(copy, related).count() == getattr(full_event, related).count() == 1, related
    assert list(copy.sessions.values_list("title", flat=True)) == ["Keynote"]
    assert list(copy.faqs.values_list("question", flat=True)) == ["Bus?"]

    # relations re-pointed at the copies
    session = copy.sessions.get()
    assert session.track == copy.tracks.get()
    assert session.session_type == copy.session_types.get()
    assert session.microlocation == copy.microlocations.get()
    assert list(session.speakers.all()) == [copy.speakers.get()]
    assert copy.faqs.get().faq_type == copy.faq_types.get()

    # media: copied to new paths with the same bytes; external URLs kept
    pairs = [
        (full_event.logo_url, copy.logo_url),
        (full_event.speakers.get().photo_url, copy.speakers.get().photo_url),
        (full_event.sponsors.get().logo_url, copy.sponsors.get().logo_url),
    ]
    for old_url, new_url in pairs:
        assert new_url != old_url
        old_name, new_name = media_name(old_url), media_name(new_url)
        assert new_name != old_name
        with default_storage.open(old_name) as old, default_storage.open(new_name) as new:
            assert new.read() == old.read()
    assert copy.speakers.get().photo_url.startswith("http://testserver/media/")
    assert copy.original_image_url == "https://cdn.example.org/external.png"

    # the original is exactly as it was
    assert _snapshot(full_event) == original


@pytest.mark.django_db
def test_event_copy_by_numeric_id_and_copier_file_independence(org_api, full_event):
    response = org_api.post(f"/v1/events/{full_event.pk}/copy", {})
    assert response.status_code == 200
    copy = Event.objects.get(pk=response.json()["id"])
    default_storage.delete(media_name(copy.logo_url))
    assert default_storage.exists(media_name(full_event.logo_url))


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("coorganizer", 403), ("track_organizer", 403), ("attendee", 403)])
def test_event_copy_only_by_organizers(event, role, status):
    client = ApiClient(give_role(UserFactory(), event, role))
    assert client.post(f"/v1/events/{event.pk}/copy", {}).status_code == status
    assert Event.objects.count() == 1


@pytest.mark.django_db
def test_event_copy_by_admin_and_errors(admin_api, event):
    assert admin_api.post(f"/v1/events/{event.pk}/copy", {}).status_code == 200
    assert ApiClient().post(f"/v1/events/{event.pk}/copy", {}).status_code == 401
    assert admin_api.post("/v1/events/nope/copy", {}).status_code == 404
    draft = EventFactory(state="draft")
    assert ApiClient(UserFactory()).post(f"/v1/events/{draft.pk}/copy", {}).status_code == 404


@pytest.mark.django_db
def test_event_copy_is_all_or_nothing(org_api, full_event):
    """A failure half-way (the sponsor's logo cannot be read: its URL names a folder) leaves no event, no rows
    and no copied files behind — the event logo and speaker photo were already copied when it failed."""
    SponsorFactory(event=full_event, logo_url=default_storage.url("tests/copy"))
    counts = _counts()
    files_before = _listing("copies")
    response = org_api.post(f"/v1/events/{full_event.pk}/copy", {})
    assert response.status_code == 503
    assert "could not be copied" in response.json()["errors"][0]["detail"]
    assert _counts() == counts
    assert _listing("copies") == files_before


def _counts():
    return tuple(m.objects.count() for m in (Event, Session, Speaker, Sponsor, Faq, UsersEventsRoles))


def _listing(folder):
    found = set()
    if not default_storage.exists(folder):
        return found
    stack = [folder]
    while stack:
        current = stack.pop()
        dirs, files = default_storage.listdir(current)
        found.update(f"{current}/{f}" for f in files)
        stack.extend(f"{current}/{d}" for d in dirs)
    return found
