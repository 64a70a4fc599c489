"""Wizard steps 1 (details) and 4 (publish), and who may open the wizard at all."""

import zoneinfo
from datetime import datetime

import pytest
from django.test import Client

from events.models import Event
from roles.models import Role, UsersEventsRoles
from tests.dashboard.conftest import grant, signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WIZARD_PAGES = ("edit", "edit/image", "edit/tickets", "edit/publish")


def details(**overrides):
    data = {
        "name": "FOSSASIA Summit",
        "starts_at": "2031-03-14T09:00",
        "ends_at": "2031-03-16T18:00",
        "timezone": "Asia/Singapore",
        "location_name": "Lifelong Learning Institute",
        "description": "<p>Open tech</p><script>alert(1)</script>",
    }
    data.update(overrides)
    return data


def test_create_step_makes_a_draft_owned_by_its_creator_in_its_timezone(organizer_client, organizer):
    response = organizer_client.post("/events/create", details())
    event = Event.objects.get(name="FOSSASIA Summit")
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.identifier}/edit/image"
    assert event.state == Event.State.DRAFT
    assert event.timezone == "Asia/Singapore"
    singapore = zoneinfo.ZoneInfo("Asia/Singapore")
    assert event.starts_at == datetime(2031, 3, 14, 9, 0, tzinfo=singapore)
    assert event.starts_at.astimezone(zoneinfo.ZoneInfo("UTC")).hour == 1
    assert "<script>" not in event.description
    assert UsersEventsRoles.objects.filter(user=organizer, event=event, role__name=Role.ORGANIZER).exists()


def test_create_step_needs_sign_in():
    response = Client().get("/events/create")
    assert response.status_code == 302
    assert response["Location"].startswith("/login")


def test_create_step_with_end_before_start_keeps_the_input_and_saves_nothing(organizer_client):
    response = organizer_client.post("/events/create", details(ends_at="2031-03-13T09:00"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The event cannot end before it starts." in html
    assert 'value="FOSSASIA Summit"' in html
    assert 'value="2031-03-13T09:00"' in html
    assert not Event.objects.exists()


def test_create_step_with_an_unknown_timezone_is_an_error(organizer_client):
    response = organizer_client.post("/events/create", details(timezone="Mars/Olympus"))
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Event.objects.exists()


def test_edit_step_shows_the_dates_in_the_event_timezone(organizer_client):
    organizer_client.post("/events/create", details())
    event = Event.objects.get()
    html = organizer_client.get(f"/events/{event.identifier}/edit").content.decode()
    assert 'value="2031-03-14T09:00"' in html
    assert '<option value="Asia/Singapore" selected>' in html


def test_edit_step_saves_through_the_service(organizer_client, event):
    response = organizer_client.post(f"/events/{event.pk}/edit", details(name="Renamed", timezone="UTC"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.name == "Renamed"
    assert event.starts_at == datetime(2031, 3, 14, 9, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))


def test_edit_step_with_a_blank_name_keeps_the_event_unchanged(organizer_client, event):
    response = organizer_client.post(f"/events/{event.identifier}/edit", details(name="   "))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    event.refresh_from_db()
    assert event.name == "PyCon Dash"


@pytest.mark.parametrize("page", WIZARD_PAGES)
@pytest.mark.parametrize("role", [None, Role.ATTENDEE, Role.REGISTRAR, Role.MODERATOR, Role.TRACK_ORGANIZER])
def test_wizard_pages_answer_404_without_an_organizing_role(event, page, role):
    user = UserFactory()
    if role:
        grant(user, event, role)
    client = signed_in(user)
    assert client.get(f"/events/{event.identifier}/{page}").status_code == 404
    assert client.post(f"/events/{event.identifier}/{page}", {}).status_code == 404


@pytest.mark.parametrize("page", WIZARD_PAGES)
def test_wizard_pages_open_for_coorganizers_and_admins(event, page):
    coorganizer = UserFactory()
    grant(coorganizer, event, Role.COORGANIZER)
    assert signed_in(coorganizer).get(f"/events/{event.identifier}/{page}").status_code == 200
    assert signed_in(UserFactory(is_admin=True)).get(f"/events/{event.pk}/{page}").status_code == 200


def test_wizard_pages_of_a_missing_or_deleted_event_answer_404(organizer_client, event):
    assert organizer_client.get("/events/nope/edit").status_code == 404
    event.soft_delete()
    assert organizer_client.get(f"/events/{event.identifier}/edit").status_code == 404


def test_wizard_pages_redirect_anonymous_visitors_to_sign_in(event):
    response = Client().get(f"/events/{event.identifier}/edit/tickets")
    assert response.status_code == 302
    assert response["Location"].startswith("/login")


def test_publish_without_tickets_is_refused_with_the_reason(organizer_client, event):
    page = organizer_client.get(f"/events/{event.identifier}/edit/publish").content.decode()
    assert "A published event needs at least one ticket." in page
    response = organizer_client.post(f"/events/{event.identifier}/edit/publish", {"action": "publish"})
    assert response.status_code == 422
    assert "A published event needs at least one ticket." in response.content.decode()
    event.refresh_from_db()
    assert event.state == Event.State.DRAFT


def test_publish_and_unpublish_with_a_ticket(organizer_client, event, ticket):
    url = f"/events/{event.identifier}/edit/publish"
    assert organizer_client.post(url, {"action": "publish"}).status_code == 302
    event.refresh_from_db()
    assert event.state == Event.State.PUBLISHED
    assert 'id="unpublish"' in organizer_client.get(url).content.decode()
    assert organizer_client.post(url, {"action": "unpublish"}).status_code == 302
    event.refresh_from_db()
    assert event.state == Event.State.DRAFT


def test_publish_form_needs_csrf(organizer, event, ticket):
    client = signed_in(organizer, enforce_csrf_checks=True)
    assert client.post(f"/events/{event.identifier}/edit/publish", {"action": "publish"}).status_code == 403
    event.refresh_from_db()
    assert event.state == Event.State.DRAFT


def test_wizard_step_links_use_the_identifier(organizer_client, event):
    html = organizer_client.get(f"/events/{event.pk}/edit").content.decode()
    for page in WIZARD_PAGES:
        assert f'href="/events/{event.identifier}/{page}"' in html
