"""Django admin for event content: lists render, writes go through the services' rules."""

import pytest
from django.test import Client

from events.models import Faq, Track
from tests.factories import EventFactory, FaqTypeFactory, SessionFactory, TrackFactory, UserFactory

MODELS = (
    "track",
    "sessiontype",
    "microlocation",
    "speaker",
    "session",
    "sponsor",
    "sociallink",
    "customform",
    "faqtype",
    "faq",
)


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(UserFactory(is_super_admin=True, is_admin=True))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_content_admin_pages_render(admin_client, model):
    event = EventFactory()
    SessionFactory(event=event, track=TrackFactory(event=event))
    assert admin_client.get(f"/admin/events/{model}/").status_code == 200
    assert admin_client.get(f"/admin/events/{model}/add/").status_code == 200


@pytest.mark.django_db
def test_content_admin_create_sanitizes_html(admin_client):
    event = EventFactory()
    response = admin_client.post(
        "/admin/events/track/add/",
        {
            "event": event.pk,
            "name": "Web",
            "description": "<p>x<script>y</script></p>",
            "color": "#fff",
            "font_color": "",
            "position": 0,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert Track.objects.get().description == "<p>x</p>"


@pytest.mark.django_db
def test_content_admin_rejects_faq_type_of_another_event(admin_client):
    event = EventFactory()
    foreign = FaqTypeFactory(event=EventFactory())
    response = admin_client.post(
        "/admin/events/faq/add/", {"event": event.pk, "faq_type": foreign.pk, "question": "Q", "answer": "A"}
    )
    assert response.status_code == 200
    assert b"belongs to another event" in response.content
    assert not Faq.objects.exists()


@pytest.mark.django_db
def test_event_admin_shows_content_inlines(admin_client):
    event = EventFactory()
    TrackFactory(event=event, name="Inline track")
    response = admin_client.get(f"/admin/events/event/{event.pk}/change/")
    assert response.status_code == 200
    assert b"Inline track" in response.content
