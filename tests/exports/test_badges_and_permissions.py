"""Attendee badges (a PDF, one page per badge, the fields asked for) and who may start an export: the event's
organizers and co-organizers and admins; never another event's organizer, nor the event's other roles."""

import io

import pypdf
import pytest
from django.test import Client

from events.models import TransferTask
from roles.models import UsersEventsRoles
from tests.exports.conftest import client_for, team_member
from tests.exports.factories import AttendeeFactory, OrderFactory
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def pages_of(content):
    """Each page's lines of text (the extractor's stray blanks dropped)."""
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


def badge_path(*attendees, fields="name,email"):
    ids = ",".join(str(a.pk) for a in attendees)
    return f"/v1/badge-forms/print-badge-pdf?attendee_id={ids}&list_field_show={fields}"


def test_a_badge_shows_the_event_and_the_fields_asked_for(event, organizer, export):
    grace = AttendeeFactory(order=OrderFactory(event=event), firstname="Grace", lastname="Hopper", company="Navy")
    _, content, download = export(organizer, badge_path(grace, fields="name, email,company"))
    assert download["Content-Type"] == "application/pdf"
    [page] = pages_of(content)
    assert page == ["Schedule Summit", "Grace Hopper", grace.email, "Navy"]


def test_badges_of_several_attendees_are_one_page_each(event, organizer, export):
    order = OrderFactory(event=event)
    people = [AttendeeFactory(order=order, firstname=name, lastname="X") for name in ("Ann", "Ben", "Cy")]
    _, content, _ = export(organizer, badge_path(*people, fields="firstname"))
    assert pages_of(content) == [["Schedule Summit", n] for n in ("Ann", "Ben", "Cy")]


def test_badges_without_fields_show_the_name(event, organizer, export):
    ann = AttendeeFactory(order=OrderFactory(event=event), firstname="Ann", lastname="Lee")
    _, content, _ = export(organizer, f"/v1/badge-forms/print-badge-pdf?attendee_id={ann.pk}")
    assert pages_of(content) == [["Schedule Summit", "Ann Lee"]]


@pytest.mark.parametrize(
    "query,status,detail",
    [
        ("", 422, "attendee_id is required."),
        ("attendee_id=x", 422, "attendee_id: a comma-separated list of attendee ids."),
        ("attendee_id={ann}&list_field_show=password", 422, "Unknown badge field 'password'"),
        ("attendee_id=999999", 404, None),
        ("attendee_id={ann},{other}", 404, None),
    ],
)
def test_bad_badge_requests_are_clear_errors_and_start_nothing(event, organizer, query, status, detail):
    ann = AttendeeFactory(order=OrderFactory(event=event))
    other = AttendeeFactory(order=OrderFactory(event=EventFactory()))
    response = client_for(organizer).get("/v1/badge-forms/print-badge-pdf?" + query.format(ann=ann.pk, other=other.pk))
    assert response.status_code == status
    if detail:
        assert response.json()["errors"][0]["detail"].startswith(detail)
    assert not TransferTask.objects.exists()


EXPORTS = ["ical", "xcal", "pentabarf", "orders/csv", "attendees/pdf", "sessions/csv", "speakers/pdf"]


@pytest.mark.parametrize("kind", EXPORTS)
def test_the_organizer_of_another_event_cannot_export(event, kind):
    other_organizer = team_member(EventFactory())
    response = client_for(other_organizer).get(f"/v1/events/{event.pk}/export/{kind}")
    assert response.status_code == 403
    assert not TransferTask.objects.exists()


@pytest.mark.parametrize("role", ["registrar", "moderator", "track_organizer", "attendee"])
def test_other_roles_of_the_event_cannot_export(event, role):
    response = client_for(team_member(event, role)).get(f"/v1/events/{event.pk}/export/attendees/csv")
    assert response.status_code == 403


def test_anonymous_is_401_and_a_draft_of_another_team_is_404(event):
    assert Client().get(f"/v1/events/{event.pk}/export/ical").status_code == 401
    draft = EventFactory(state="draft")
    assert client_for(UserFactory()).get(f"/v1/events/{draft.pk}/export/ical").status_code == 404


def test_badges_of_another_events_attendee_are_refused(event):
    other_organizer = team_member(EventFactory())
    ann = AttendeeFactory(order=OrderFactory(event=event))
    assert client_for(other_organizer).get(badge_path(ann)).status_code == 403
    assert Client().get(badge_path(ann)).status_code == 401


def test_coorganizers_and_admins_export(event, schedule, export):
    export(team_member(event, "coorganizer"), f"/v1/events/{event.pk}/export/ical")
    export(UserFactory(is_admin=True), f"/v1/events/{event.pk}/export/pentabarf")


def test_the_task_and_its_download_are_its_owners(event, organizer, export):
    state, _, _ = export(organizer, f"/v1/events/{event.pk}/export/ical")
    task_id = state["result"]["download_url"].split("/v1/tasks/")[1].split("/")[0]
    assert client_for(team_member(event, "coorganizer")).get(f"/v1/tasks/{task_id}").status_code == 404
    assert Client().get(f"/v1/tasks/{task_id}/download").status_code == 404
    forged = state["result"]["download_url"].removeprefix("http://localhost") + "x"
    assert Client().get(forged).status_code == 404


def test_the_download_stops_working_once_the_owner_leaves_the_team(event, organizer, export):
    state, _, _ = export(organizer, f"/v1/events/{event.pk}/export/orders/csv")
    UsersEventsRoles.objects.filter(user=organizer, event=event).delete()
    assert Client().get(state["result"]["download_url"].removeprefix("http://localhost")).status_code == 404
