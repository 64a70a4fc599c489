"""Every list of the dashboard: paginated, sortable and filterable in the URL, with a query count that does
not grow with the number of rows (1 vs 6, as the API lists are tested)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.invites import role_invite_create
from tests.event_dashboard.conftest import grant, place, url
from tests.factories import (
    AccessCodeFactory,
    DiscountCodeFactory,
    SessionFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _order(event, ticket, i):
    place(event, ticket, quantity=2, attendees=[{"firstname": f"Ann{i}", "email": f"ann{i}@example.org"}])


def _discount(event, ticket, i):
    DiscountCodeFactory(event=event, code=f"D{i}", tickets_number=10).tickets.add(ticket)


def _access(event, ticket, i):
    AccessCodeFactory(event=event, code=f"A{i}", tickets_number=5).tickets.add(ticket)


def _member(event, ticket, i):
    grant(UserFactory(), event, "registrar")
    role_invite_create(actor=event.owner, event=event, data={"email": f"inv{i}@example.org", "role_name": "moderator"})


def _session(event, ticket, i):
    session = SessionFactory(event=event, state="pending", track=TrackFactory(event=event))
    session.speakers.add(SpeakerFactory(event=event), SpeakerFactory(event=event))


LISTS = [
    ("orders", _order),
    ("orders/export.csv", _order),
    ("attendees", _order),
    ("attendees/export.csv", _order),
    ("discount-codes", _discount),
    ("access-codes", _access),
    ("team", _member),
    ("sessions", _session),
    ("", _order),  # the overview's figures
    ("tickets", _order),
]


def _get(client, path):
    response = client.get(path)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("page,make", LISTS)
def test_list_query_count_does_not_grow_with_rows(organizer_client, event, free_ticket, page, make,
                                                 django_assert_max_num_queries):  # fmt: skip
    make(event, free_ticket, 0)
    with CaptureQueriesContext(connection) as one:
        _get(organizer_client, url(event, page))
    for i in range(1, 6):
        make(event, free_ticket, i)
    with django_assert_max_num_queries(len(one)):
        _get(organizer_client, url(event, page))


def test_orders_are_paginated_and_sorted_in_the_url(organizer_client, event, free_ticket, paid_ticket):
    for i in range(12):
        place(event, free_ticket if i % 2 else paid_ticket, quantity=1 + i % 3)
    response = organizer_client.get(url(event, "orders") + "?size=10&sort=-amount&page=2")
    listing = response.context["listing"]
    assert (listing.page.number, listing.paginator.num_pages, len(listing.rows)) == (2, 2, 2)
    amounts = [o.amount for o in response.context["listing"].rows]
    assert amounts == sorted(amounts, reverse=True)
    first_page = organizer_client.get(url(event, "orders") + "?size=10&sort=-amount").context["listing"].rows
    assert min(o.amount for o in first_page) >= max(amounts)
    html = response.content.decode()
    assert 'href="?size=10&amp;sort=-amount&amp;page=1"' in html  # the pager keeps the sort and size
    assert 'href="?size=10&amp;sort=amount"' in html  # the sorted column toggles, back to page 1


def test_orders_filter_by_state_ticket_date_and_search(organizer_client, event, free_ticket, paid_ticket):
    buyer = UserFactory(email="zelda@example.org")
    free = place(event, free_ticket, attendees=[{"firstname": "Ann", "lastname": "Smith"}])
    paid = place(event, paid_ticket, buyer=buyer)

    def shown(query):
        rows = organizer_client.get(url(event, "orders") + query).context["listing"].rows
        return {o.pk for o in rows}

    assert shown("?status=pending") == {paid.pk}
    assert shown(f"?ticket={free_ticket.pk}") == {free.pk}
    assert shown("?q=zelda") == {paid.pk}
    assert shown("?q=ann+smith") == {free.pk}
    assert shown(f"?q={free.identifier[:8]}") == {free.pk}
    today = free.created_at.date().isoformat()
    assert shown(f"?created_from={today}&created_to={today}") == {free.pk, paid.pk}
    assert shown("?created_from=2000-01-01&created_to=2000-01-02") == set()


@pytest.mark.parametrize(
    "query,field",
    [
        ("?status=nonsense", "status"),
        ("?ticket=abc", "ticket"),
        ("?created_from=31.02.2024", "created_from"),
        ("?created_from=2000-01-02&created_to=2000-01-01", "created_to"),
        ("?q=" + "x" * 300, "q"),
    ],
)
def test_a_bad_filter_is_an_error_next_to_its_field_not_a_500(organizer_client, event, free_ticket, query, field):
    place(event, free_ticket)
    response = organizer_client.get(url(event, "orders") + query + "&sort=bogus&page=zz&size=7")
    assert response.status_code == 200
    form = response.context["listing"].form
    assert field in form.errors
    assert len(response.context["listing"].rows) == 1  # the bad value is ignored, the rest still applies
    assert 'class="invalid-feedback d-block"' in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page(organizer_client, event, free_ticket):
    for _ in range(3):
        place(event, free_ticket)
    listing = organizer_client.get(url(event, "orders") + "?size=10&page=99").context["listing"]
    assert listing.page.number == 1 and len(listing.rows) == 3


def test_attendees_filter_by_ticket_check_in_and_search(organizer_client, event, free_ticket, paid_ticket):
    from tickets.services import attendee_check_in

    ann = place(event, free_ticket, attendees=[{"firstname": "Ann", "lastname": "Lee", "email": "ann@x.org"}])
    place(event, paid_ticket, attendees=[{"firstname": "Bob", "email": "bob@x.org"}])
    attendee_check_in(actor=event.owner, instance=ann.attendees.get(), checked_in=True)

    def shown(query):
        return [a.firstname for a in organizer_client.get(url(event, "attendees") + query).context["listing"].rows]

    assert shown("?checked_in=yes") == ["Ann"]
    assert shown("?checked_in=no") == ["Bob"]
    assert shown(f"?ticket={paid_ticket.pk}") == ["Bob"]
    assert shown("?q=bob@x") == ["Bob"]
    assert shown(f"?q={ann.identifier[:6]}") == ["Ann"]
    assert shown("?order_status=pending") == ["Bob"]
    assert shown("?sort=-email") == ["Bob", "Ann"]
    assert shown("?sort=email") == ["Ann", "Bob"]


def test_orders_csv_holds_the_filtered_rows_and_defuses_formulas(organizer_client, event, free_ticket):
    import csv
    import io

    evil = UserFactory(email="evil@example.org")
    place(event, free_ticket, buyer=evil)
    place(event, free_ticket)
    response = organizer_client.get(url(event, "orders/export.csv") + "?q=evil")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["order", "created", "state"]
    assert [row[5] for row in rows[1:]] == ["evil@example.org"]


def test_attendee_csv_prefixes_formula_cells(organizer_client, event, free_ticket):
    import csv
    import io

    place(event, free_ticket, attendees=[{"firstname": '=HYPERLINK("http://x")', "lastname": "+1", "email": ""}])
    response = organizer_client.get(url(event, "attendees/export.csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][1] == "'+1"


def test_sessions_filter_by_state_track_and_speaker(organizer_client, event):
    track = TrackFactory(event=event, name="Web")
    talk = SessionFactory(event=event, title="Django tips", state="pending", track=track)
    talk.speakers.add(SpeakerFactory(event=event, name="Mariatta"))
    SessionFactory(event=event, title="Other", state="accepted")

    def shown(query):
        return [s.title for s in organizer_client.get(url(event, "sessions") + query).context["listing"].rows]

    assert shown("?state=pending") == ["Django tips"]
    assert shown(f"?track={track.pk}") == ["Django tips"]
    assert shown("?q=mariatta") == ["Django tips"]
    assert shown("?sort=-title") == ["Other", "Django tips"]


def test_team_lists_members_and_invites_with_their_own_parameters(organizer_client, event):
    for i in range(3):
        grant(UserFactory(email=f"reg{i}@example.org"), event, "registrar")
        role_invite_create(
            actor=event.owner, event=event, data={"email": f"i{i}@example.org", "role_name": "moderator"}
        )
    response = organizer_client.get(url(event, "team") + "?role=registrar&size=10&i-size=10&i-page=1&i-sort=email")
    members, invites = response.context["members"], response.context["invites"]
    assert [m.user.email for m in members.rows] == ["reg0@example.org", "reg1@example.org", "reg2@example.org"]
    assert [i.email for i in invites.rows] == ["i0@example.org", "i1@example.org", "i2@example.org"]
    assert "role=registrar" in invites.page_url(1)  # the other list's filters stay in the URL
