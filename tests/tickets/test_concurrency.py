"""Many buyers at once, on PostgreSQL (row locks are real there; CI sets DATABASE_URL).

50+ threads, each with its own database connection, race for a ticket with 10 seats and a discount code
limited to 5 uses: exactly 10 seats are sold, exactly 5 redemptions happen, and every loser gets the domain
error ("sold out" or "code used up") — no other error, no 500.
"""

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from eventyay.errors import DomainError
from roles.auth import tokens_for
from tests.factories import DiscountCodeFactory, EventFactory, TicketFactory, UserFactory
from tickets.checkout import order_create
from tickets.models import Attendee, Order

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BUYERS = 60


@pytest.fixture(autouse=True)
def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency needs PostgreSQL: set DATABASE_URL (CI does)")


def _race(worker, count):
    barrier = threading.Barrier(count)

    def run(index):
        try:
            barrier.wait(timeout=30)
            return worker(index)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_concurrent_buyers_never_oversell_a_ticket_or_a_code():
    event = EventFactory()
    code = DiscountCodeFactory(event=event, code="EARLY", type="percent", value=50, tickets_number=5)
    ticket = TicketFactory(event=event, type="paid", price=10, quantity=10, max_order=2, discount_code=code)
    buyers = UserFactory.create_batch(BUYERS)

    def attempt(index):
        # every buyer tries the code first; when it is used up they buy at full price
        outcomes = []
        for code_text in ("early", None):
            try:
                order_create(
                    actor=buyers[index],
                    event=event,
                    items=[{"ticket": ticket.pk, "quantity": 1}],
                    discount_code=code_text,
                )
                outcomes.append("ok")
                return outcomes
            except DomainError as exc:
                outcomes.append(exc.code)
                if exc.code != "code_used_up":
                    return outcomes
        return outcomes

    results = _race(attempt, BUYERS)

    seen = {outcome for outcomes in results for outcome in outcomes}
    assert seen <= {"code_used_up", "ok", "sold_out"}
    assert sum(1 for outcomes in results if outcomes[-1] == "ok") == 10
    assert sum(1 for outcomes in results if outcomes == ["ok"]) == 5  # bought with the code
    assert Attendee.objects.filter(ticket=ticket, seat__isnull=False).count() == 10
    assert Order.objects.filter(event=event).count() == 10
    assert Attendee.objects.filter(discount_code=code, seat__isnull=False).count() == 5
    assert Order.objects.filter(event=event, discount_code=code).count() == 5
    assert sorted(Attendee.objects.filter(ticket=ticket).values_list("seat", flat=True)) == list(range(1, 11))


def test_concurrent_http_buyers_get_201_or_409_only(live_server):
    event = EventFactory()
    ticket = TicketFactory(event=event, quantity=5, max_order=1)
    tokens = [tokens_for(user)["access_token"] for user in UserFactory.create_batch(20)]
    url = f"{live_server.url}/v1/orders/create-order"
    body = json.dumps({"tickets": [{"id": ticket.pk, "quantity": 1}]}).encode()

    def post(index):
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Accept": "application/vnd.api+json",
                     "Authorization": f"JWT {tokens[index]}"},
        )  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, None
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())["errors"][0].get("code")

    results = _race(post, len(tokens))

    assert sorted(status for status, _ in results) == [201] * 5 + [409] * 15
    assert {code for status, code in results if status == 409} == {"sold_out"}
    assert Attendee.objects.filter(ticket=ticket, seat__isnull=False).count() == 5
