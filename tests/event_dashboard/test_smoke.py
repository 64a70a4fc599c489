import pytest

from tests.event_dashboard.conftest import place, url

pytestmark = pytest.mark.django_db

PAGES = [
    "",
    "orders",
    "attendees",
    "tickets",
    "discount-codes",
    "access-codes",
    "team",
    "sessions",
    "transfer",
    "discount-codes/new",
    "access-codes/new",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_for_the_organizer(organizer_client, event, free_ticket, paid_ticket, page):
    place(event, free_ticket, attendees=[{"firstname": "Ann", "lastname": "Lee", "email": "ann@example.org"}])
    place(event, paid_ticket, quantity=2)
    response = organizer_client.get(url(event, page))
    assert response.status_code == 200, response.content[:2000]
