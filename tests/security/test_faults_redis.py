"""Redis down never turns a committed write into a 500 (issue 10, item 14).

A live server runs against a Redis of this test's own; the Redis is killed; a buyer orders, a visitor signs up,
an organizer invites and exports. Every request succeeds — once, nothing duplicated — because what needs Redis
(the e-mails, the export task, the socket push) waits in the database outbox (`notifications.dispatch`). Redis
comes back, a worker with its beat starts, and everything that waited is delivered: the three e-mails, the
export, and the buyer's bell push."""

import json
import time

import pytest
from websockets.sync.client import connect

from events.models import TransferTask
from roles.auth import tokens_for
from roles.models import Role, User, UsersEventsRoles
from tests.factories import EventFactory, TicketFactory, UserFactory
from tests.security.conftest import mail_files
from tests.security.http import Http
from tests.servers import PrivateRedis, asgi_server, celery_process, needs_postgres_and_redis
from tickets.models import Order

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_postgres_and_redis]


def wait_for(condition, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"{what} not met within {timeout}s")


def mails_to(directory, address):
    return [path for path in mail_files(directory) if f"To: {address}" in path.read_text()]


def test_writes_succeed_while_redis_is_down_and_their_mail_push_and_task_follow(live_env, live_dirs, settings):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = live_dirs["media"], live_dirs["private"]
    organizer, buyer, invitee = (
        UserFactory(),
        UserFactory(email="buyer@faults.test"),
        UserFactory(email="invitee@faults.test"),
    )
    event = EventFactory(name="Outage Fest")
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    ticket = TicketFactory(event=event, type="free", quantity=10)
    mail_dir = live_dirs["mail"]
    already = set(mail_files(mail_dir))

    with PrivateRedis() as redis:
        env = {**live_env, "REDIS_URL": redis.url, "CELERY_TASK_ALWAYS_EAGER": "0", "OUTBOX_DRAIN_SECONDS": "1"}
        with asgi_server(env) as base:
            buyer_api = Http(base, tokens_for(buyer)["access_token"])
            organizer_api = Http(base, tokens_for(organizer)["access_token"])
            redis.kill()

            order = {"event": event.pk, "tickets": [{"id": ticket.pk, "quantity": 1}]}
            placed = buyer_api.post("/v1/orders/create-order", order, content_type="application/json")
            identifier = placed.json()["data"]["attributes"]["identifier"]  # initializing: the details come next
            details_in = {"data": {"type": "order", "id": identifier, "attributes": {"status": "completed"}}}
            completed = buyer_api.patch(f"/v1/orders/{identifier}", details_in)
            signup = {
                "data": {"type": "user", "attributes": {"email": "new@faults.test", "password": "x-Long-pass-42"}}
            }
            signed_up = Http(base).post("/v1/users", signup)
            invite = {
                "data": {"type": "role-invite", "attributes": {"email": invitee.email, "role-name": "coorganizer"}}
            }
            invited = organizer_api.post(f"/v1/events/{event.pk}/role-invites", invite)
            exported = organizer_api.post(f"/v1/events/{event.pk}/export/json", {}, content_type="application/json")

            answers = (placed, completed, signed_up, invited, exported)
            assert [a.status for a in answers] == [201, 200, 201, 201, 200], [a.body[:200] for a in answers]
            assert Order.objects.filter(event=event).count() == 1
            assert User.objects.filter(email="new@faults.test").count() == 1
            task_url = exported.json()["task_url"]
            assert organizer_api.get(task_url).json() == {"state": "WAITING", "result": None}
            assert set(mail_files(mail_dir)) == already  # nothing could be sent yet

            redis.start()  # Redis is back (empty); the outbox still holds everything
            token = tokens_for(buyer)["access_token"]
            with connect(f"{base.replace('http', 'ws')}/ws/notifications?token={token}", origin=base) as socket:
                state = json.loads(socket.recv(timeout=15))
                assert (state["meta"], state["notif_count"]) == ("WS connected", 1)
                with celery_process(env, beat=True):
                    pushed = json.loads(socket.recv(timeout=60))  # the push that waited for Redis
                    assert (pushed["meta"], pushed["notif_count"]) == ("New notifications", 1)
                    assert pushed["notifs"][0]["title"] == "Your order for Outage Fest is confirmed"
                    wait_for(lambda: mails_to(mail_dir, buyer.email), what="the order e-mail")
                    wait_for(lambda: mails_to(mail_dir, "new@faults.test"), what="the welcome e-mail")
                    wait_for(lambda: mails_to(mail_dir, invitee.email), what="the invite e-mail")
                    done = wait_for(
                        lambda: (s := organizer_api.get(task_url).json())["state"] in ("SUCCESS", "FAILURE") and s,
                        what="the export",
                    )
                    assert done["state"] == "SUCCESS", done
    assert TransferTask.objects.get(kind="export").finished_at is not None
    assert len(mails_to(mail_dir, buyer.email)) == 1  # delivered once
