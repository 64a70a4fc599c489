"""Who may open which page of an event's dashboard: the same permission module as the API decides; a page a
role may not use answers 404 and has no link in the navigation; so does every action it may not take."""

import pytest
from django.test import Client

from tests.event_dashboard.conftest import grant, place, signed_in, url
from tests.factories import EventFactory, SessionFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["", "orders", "attendees", "tickets", "discount-codes", "access-codes", "team", "sessions", "transfer"]
NAV = {
    "": "overview", "orders": "orders", "attendees": "attendees", "tickets": "tickets",
    "discount-codes": "discount-codes", "access-codes": "access-codes", "team": "team", "sessions": "sessions",
    "transfer": "transfer",
}  # fmt: skip
#: the pages each role may open (the default Role × Service matrix)
ALLOWED = {
    "organizer": set(PAGES),
    "coorganizer": set(PAGES),
    "track_organizer": {"", "sessions"},
    "moderator": {"", "sessions"},
    "registrar": {"", "orders", "attendees"},
    "attendee": set(),
    "stranger": set(),
}


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_each_role_opens_its_pages_and_gets_404_elsewhere(event, team, role):
    client = signed_in(team[role])
    for page in PAGES:
        expected = 200 if page in ALLOWED[role] else 404
        assert client.get(url(event, page)).status_code == expected, (role, page)


@pytest.mark.parametrize("role", ["organizer", "registrar", "track_organizer"])
def test_the_navigation_links_only_the_pages_of_the_role(event, team, role):
    response = signed_in(team[role]).get(url(event))
    linked = [item["key"] for item in response.context["nav"]]
    assert linked == [NAV[page] for page in PAGES if page in ALLOWED[role]]
    html = response.content.decode()
    for page in PAGES:
        if page and page not in ALLOWED[role]:
            assert f'href="{url(event, page)}"' not in html


def test_an_admin_opens_every_page(event):
    client = signed_in(UserFactory(is_admin=True))
    assert [client.get(url(event, page)).status_code for page in PAGES] == [200] * len(PAGES)


def test_signed_out_visitors_are_sent_to_sign_in(event):
    response = Client().get(url(event, "orders"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login?next=")


def test_an_unknown_or_deleted_event_is_404(organizer_client, event):
    from django.utils import timezone

    assert organizer_client.get("/dashboard/events/nope/").status_code == 404
    event.deleted_at = timezone.now()
    event.save()
    assert organizer_client.get(url(event)).status_code == 404


def test_the_event_is_found_by_id_too(organizer_client, event):
    assert organizer_client.get(f"/dashboard/events/{event.pk}/").status_code == 200


def test_objects_of_another_event_are_404_under_this_one(organizer_client, event, free_ticket):
    other = EventFactory()
    grant(event.owner, other, "organizer")
    foreign_ticket = TicketFactory(event=other)
    order = place(other, foreign_ticket)
    attendee = order.attendees.get()
    session = SessionFactory(event=other, state="pending")
    assert organizer_client.get(url(event, f"orders/{order.identifier}")).status_code == 404
    assert (
        organizer_client.post(url(event, f"orders/{order.identifier}/action"), {"action": "cancel"}).status_code == 404
    )
    assert (
        organizer_client.post(url(event, f"attendees/{attendee.pk}/check-in"), {"checked_in": "1"}).status_code == 404
    )
    assert organizer_client.get(url(event, f"sessions/{session.pk}")).status_code == 404
    assert organizer_client.post(url(event, f"sessions/{session.pk}/state"), {"state": "accepted"}).status_code == 404
    order.refresh_from_db()
    attendee.refresh_from_db()
    session.refresh_from_db()
    assert (order.status, attendee.is_checked_in, session.state) == ("completed", False, "pending")


def test_actions_a_role_may_not_take_are_404(event, team, free_ticket):
    order = place(event, free_ticket)
    session = SessionFactory(event=event, state="pending")
    registrar, moderator, coorganizer = (signed_in(team[r]) for r in ("registrar", "moderator", "coorganizer"))
    # a registrar reads orders but may not change them
    assert registrar.post(url(event, f"orders/{order.identifier}/action"), {"action": "cancel"}).status_code == 404
    # a moderator reads sessions but may not decide on them
    assert moderator.post(url(event, f"sessions/{session.pk}/state"), {"state": "accepted"}).status_code == 404
    # a co-organizer may not change or remove members, nor create tickets or codes
    member = event.user_roles.get(user=team["registrar"])
    assert coorganizer.post(url(event, f"team/members/{member.pk}"), {"action": "remove"}).status_code == 404
    assert coorganizer.get(url(event, "discount-codes/new")).status_code == 404
    order.refresh_from_db()
    session.refresh_from_db()
    assert (order.status, session.state) == ("completed", "pending")
    assert event.user_roles.filter(pk=member.pk).exists()


def test_registrars_check_in_but_track_organizers_do_not_see_attendees(event, team, free_ticket):
    attendee = place(event, free_ticket).attendees.get()
    path = url(event, f"attendees/{attendee.pk}/check-in")
    headers = {"Accept": "application/json"}
    assert signed_in(team["track_organizer"]).post(path, {"checked_in": "1"}, headers=headers).status_code == 404
    assert signed_in(team["registrar"]).post(path, {"checked_in": "1"}, headers=headers).status_code == 200
    attendee.refresh_from_db()
    assert attendee.is_checked_in is True


def test_every_form_is_csrf_protected(event, organizer, free_ticket):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer)
    order = place(event, free_ticket)
    attendee = order.attendees.get()
    posts = [
        (f"orders/{order.identifier}/action", {"action": "cancel"}),
        (f"attendees/{attendee.pk}/check-in", {"checked_in": "1"}),
        ("team/invite", {"email": "x@example.org", "role": "registrar"}),
        ("discount-codes/new", {"code": "X", "type": "percent", "value": "5", "min_quantity": "1"}),
        ("tickets", {}),
    ]
    for page, data in posts:
        assert client.post(url(event, page), data).status_code == 403, page
    order.refresh_from_db()
    assert order.status == "completed"
    assert not event.role_invites.exists()
