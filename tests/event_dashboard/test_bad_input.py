"""No input makes a dashboard page answer 500: odd ids, odd query strings, odd form posts."""

import pytest

from tests.event_dashboard.conftest import place, url

pytestmark = pytest.mark.django_db

HUGE = "9" * 30

GETS = [
    f"orders/{HUGE}",
    "orders/%00",
    f"sessions/{HUGE}",
    f"discount-codes/{HUGE}",
    f"access-codes/{HUGE}",
    "orders?page=-1&size=-5&sort=-",
    "orders?page=99999999999999999999&size=100",
    f"orders?ticket={HUGE}&status=%00&q=%00&created_from=99999-01-01",
    "attendees?checked_in=maybe&ticket=1.5&order_status=[]&q=" + "%F0%9F%8E%89" * 50,
    "sessions?track=-1&state=x&sort=title&sort=-state",
    "team?role=attendee&i-page=x&i-sort=nope&q=%25%25",
    "discount-codes?active=perhaps&q=%00",
    "orders/export.csv?status=bogus&q=%00",
]
POSTS = [
    (f"attendees/{HUGE}/check-in", {"checked_in": "1"}),
    (f"sessions/{HUGE}/state", {"state": "accepted"}),
    (f"discount-codes/{HUGE}/active", {"is_active": "0"}),
    (f"team/members/{HUGE}", {"action": "remove"}),
    (f"team/invites/{HUGE}/revoke", {}),
    ("tickets", {"tickets-TOTAL_FORMS": "x"}),
    ("tickets", {"tickets-TOTAL_FORMS": "1", "tickets-INITIAL_FORMS": "0", "tickets-0-ticket_id": HUGE,
                 "tickets-0-type": "free", "tickets-0-name": "A", "tickets-0-quantity": HUGE}),
    ("discount-codes/new", {"code": "\x00", "type": "percent", "value": "1e400", "tickets_number": HUGE,
                            "min_quantity": HUGE, "valid_from": "99999-99-99T99:99"}),
    ("access-codes/new", {"code": "A" * 500, "tickets": ["x"], "min_quantity": "-1"}),
    ("team/invite", {"email": "a@" + "b" * 300 + ".org", "role": "\x00"}),
]  # fmt: skip


@pytest.mark.parametrize("path", GETS)
def test_odd_query_strings_and_ids_never_500(organizer_client, event, free_ticket, path):
    place(event, free_ticket)
    response = organizer_client.get(url(event, path))
    assert response.status_code in (200, 404), response.status_code


@pytest.mark.parametrize("path,data", POSTS)
def test_odd_posts_never_500(organizer_client, event, free_ticket, path, data):
    place(event, free_ticket)
    response = organizer_client.post(url(event, path), data)
    assert response.status_code in (302, 404, 422), response.status_code


def test_an_odd_event_id_is_404(organizer_client):
    for path in ("/dashboard/events/%00/orders", "/dashboard/events/a%00b/", "/events/%00/edit"):
        assert organizer_client.get(path).status_code == 404, path


def test_odd_notification_and_invite_urls_never_500(organizer_client):
    assert organizer_client.post(f"/notifications/{HUGE}/read").status_code == 404
    assert organizer_client.get("/notifications?state=%00&kind=x&page=-3&sort=%00").status_code == 200
    assert organizer_client.get(f"/role-invites/{HUGE}").status_code == 404
    assert organizer_client.get("/role-invites?token=%00" + "x" * 500).status_code == 404
