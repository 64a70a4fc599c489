"""Notifications never carry markup from users (issue 10, item 8). An organizer names an event with a link and a
tracking pixel and invites someone: the invitee's notification shows the name as text, in the API and in the
bell — no live link, no image request to the tracker."""

import pytest

from roles.models import Role, UsersEventsRoles
from tests.browser import launch
from tests.factories import EventFactory, UserFactory
from tests.servers import needs_postgres_and_redis

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_postgres_and_redis]

NAME = '<a href="https://evil.example/phish">x</a><img src="https://tracker.example/pixel.gif">'


def invite_with_a_hostile_event_name(sign_in):
    organizer, invitee = UserFactory(), UserFactory(email="invitee@security.test")
    event = EventFactory(name="Plain")
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    client = sign_in(organizer)
    rename = {"data": {"type": "event", "id": str(event.pk), "attributes": {"name": NAME}}}
    assert client.patch(f"/v1/events/{event.pk}", rename).status == 200
    invite = {
        "data": {
            "type": "role-invite",
            "attributes": {"email": invitee.email, "role-name": "coorganizer"},
        }
    }
    answer = client.post(f"/v1/events/{event.pk}/role-invites", invite)
    assert answer.status == 201, answer.body
    return invitee


def test_the_invitees_notification_carries_the_name_as_text(sign_in):
    invitee = invite_with_a_hostile_event_name(sign_in)
    body = sign_in(invitee).get("/v1/notifications").json()
    [notification] = body["data"]
    title, message = notification["attributes"]["title"], notification["attributes"]["message"]
    for text in (title, message):
        assert "<a" not in text and "<img" not in text
        assert "&lt;a href=" in text and "&lt;img src=" in text


@pytest.mark.e2e
def test_the_bell_shows_the_name_as_text_and_loads_nothing_from_it(sign_in, server):
    from django.test import Client
    from playwright.sync_api import expect, sync_playwright

    invitee = invite_with_a_hostile_event_name(sign_in)
    client = Client()
    client.force_login(invitee)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            context = browser.new_context()
            context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server}])
            requested = []
            context.on("request", lambda request: requested.append(request.url))
            page = context.new_page()
            page.goto(server + "/dashboard")
            expect(page.locator("#notification-count")).to_have_text("1")
            page.locator("#notification-bell-toggle").click()
            item = page.locator("#notification-list .notification-item")
            expect(item).to_have_count(1)
            expect(item.locator(".notification-title")).to_contain_text('<a href="https://evil.example/phish">x</a>')
            expect(item.locator(".notification-message")).to_contain_text("<img src=")
            assert item.locator("a, img").count() == 0
            page.wait_for_timeout(500)
            assert [url for url in requested if "evil.example" in url or "tracker.example" in url] == []
        finally:
            browser.close()
