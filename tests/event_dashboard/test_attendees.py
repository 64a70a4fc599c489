"""One-click check-in and check-out, with an undo: JSON for the page's script, a redirect without it."""

import pytest

from tests.event_dashboard.conftest import place, signed_in, url
from tickets.models import Attendee

pytestmark = pytest.mark.django_db
JSON = {"Accept": "application/json"}


def check_in(client, event, attendee, checked_in, undo=False):
    data = {"checked_in": "1" if checked_in else "0"}
    if undo:
        data["undo"] = "1"
    return client.post(url(event, f"attendees/{attendee.pk}/check-in"), data, headers=JSON)


@pytest.fixture
def attendee(event, free_ticket):
    return place(event, free_ticket, attendees=[{"firstname": "Ann", "lastname": "Lee"}]).attendees.get()


def test_check_in_answers_the_new_state_and_stamps_the_time(organizer_client, event, attendee):
    response = check_in(organizer_client, event, attendee, True)
    assert response.status_code == 200
    assert response.json() == {"id": attendee.pk, "name": "Ann Lee", "is_checked_in": True}
    attendee.refresh_from_db()
    assert attendee.is_checked_in is True
    assert len(attendee.checkin_times.split(",")) == 1


def test_undo_takes_the_check_in_back_without_a_trace(organizer_client, event, attendee):
    check_in(organizer_client, event, attendee, True)
    response = check_in(organizer_client, event, attendee, False, undo=True)
    assert response.json()["is_checked_in"] is False
    attendee.refresh_from_db()
    assert (attendee.is_checked_in, attendee.checkin_times, attendee.checkout_times) == (False, "", "")


def test_check_out_is_stamped_and_its_undo_checks_in_again(organizer_client, event, attendee):
    check_in(organizer_client, event, attendee, True)
    check_in(organizer_client, event, attendee, False)
    attendee.refresh_from_db()
    assert attendee.is_checked_in is False and attendee.checkout_times
    check_in(organizer_client, event, attendee, True, undo=True)
    attendee.refresh_from_db()
    assert attendee.is_checked_in is True and attendee.checkout_times == ""
    assert len(attendee.checkin_times.split(",")) == 1


def test_a_second_click_changes_nothing(organizer_client, event, attendee):
    check_in(organizer_client, event, attendee, True)
    check_in(organizer_client, event, attendee, True)
    attendee.refresh_from_db()
    assert len(attendee.checkin_times.split(",")) == 1


def test_an_attendee_of_a_pending_order_cannot_be_checked_in(organizer_client, event, paid_ticket):
    attendee = place(event, paid_ticket).attendees.get()
    response = check_in(organizer_client, event, attendee, True)
    assert response.status_code == 422
    assert response.json()["errors"][0]["detail"] == (
        "This attendee's order is pending; only paid orders can be checked in."
    )
    assert Attendee.objects.get(pk=attendee.pk).is_checked_in is False


def test_without_javascript_the_form_posts_and_comes_back(event, team, attendee):
    client = signed_in(team["registrar"])
    back = url(event, "attendees") + "?q=ann"
    response = client.post(url(event, f"attendees/{attendee.pk}/check-in"), {"checked_in": "1", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    response = client.post(
        url(event, f"attendees/{attendee.pk}/check-in"), {"checked_in": "0", "next": "https://evil.example/"}
    )
    assert response["Location"] == url(event, "attendees")  # never another site
    for evil in ("//evil.example/", "/\t/evil.example", "/\\evil.example"):
        response = client.post(url(event, f"attendees/{attendee.pk}/check-in"), {"checked_in": "0", "next": evil})
        assert response["Location"] == url(event, "attendees")
    attendee.refresh_from_db()
    assert attendee.is_checked_in is False


def test_the_list_offers_check_in_only_for_sold_orders(organizer_client, event, free_ticket, paid_ticket):
    place(event, free_ticket)
    place(event, paid_ticket)
    html = organizer_client.get(url(event, "attendees")).content.decode()
    assert html.count('class="d-inline checkin-form"') == 1
