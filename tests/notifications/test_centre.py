"""The notification centre (`/notifications`): all my notifications, unread first; mark one or all read."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner():
    return UserFactory()


def titles(response):
    return [n.title for n in response.context["listing"].rows]


def test_unread_come_first_then_newest(owner):
    now = timezone.now()
    NotificationFactory(user=owner, title="old read", is_read=True, received_at=now - timedelta(days=1))
    NotificationFactory(user=owner, title="new read", is_read=True, received_at=now)
    NotificationFactory(user=owner, title="old unread", received_at=now - timedelta(days=2))
    NotificationFactory(user=owner, title="new unread", received_at=now - timedelta(hours=1))
    NotificationFactory(title="somebody else's")
    response = signed_in(owner).get("/notifications")
    assert titles(response) == ["new unread", "old unread", "new read", "old read"]
    assert response.context["unread"] == 2


def test_filter_and_sort_in_the_url(owner):
    NotificationFactory(user=owner, title="B", is_read=True)
    NotificationFactory(user=owner, title="A", kind="role_invite")
    client = signed_in(owner)
    assert titles(client.get("/notifications?state=read")) == ["B"]
    assert titles(client.get("/notifications?kind=role_invite")) == ["A"]
    assert titles(client.get("/notifications?sort=title")) == ["A", "B"]
    response = client.get("/notifications?state=maybe")
    assert response.status_code == 200 and "state" in response.context["listing"].form.errors


def test_mark_one_read(owner):
    target = NotificationFactory(user=owner)
    response = signed_in(owner).post(f"/notifications/{target.pk}/read", {"next": "/notifications?state=unread"})
    assert response["Location"] == "/notifications?state=unread"
    target.refresh_from_db()
    assert target.is_read is True


def test_mark_all_read(owner):
    NotificationFactory.create_batch(3, user=owner)
    other = NotificationFactory()
    response = signed_in(owner).post("/notifications/read-all", follow=True)
    assert "3 notifications marked read." in response.content.decode()
    assert not owner.notifications.unread().exists()
    other.refresh_from_db()
    assert other.is_read is False


def test_another_users_notification_is_404(owner):
    foreign = NotificationFactory()
    assert signed_in(owner).post(f"/notifications/{foreign.pk}/read").status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_read is False


def test_mark_read_never_redirects_off_site(owner):
    target = NotificationFactory(user=owner)
    response = signed_in(owner).post(f"/notifications/{target.pk}/read", {"next": "https://evil.example"})
    assert response["Location"] == "/notifications"


def test_the_bell_links_to_the_centre(owner):
    assert (
        'href="/notifications" class="small" id="notification-see-all"'
        in signed_in(owner).get("/dashboard").content.decode()
    )


def test_signed_out_visitors_are_sent_to_sign_in():
    assert Client().get("/notifications")["Location"].startswith("/login")


def test_centre_query_count_does_not_grow(owner, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(owner)
    NotificationFactory(user=owner, kind="role_invite", target_object_id="1")
    with CaptureQueriesContext(connection) as one:
        client.get("/notifications")
    NotificationFactory.create_batch(5, user=owner, kind="role_invite", target_object_id="2")
    with django_assert_max_num_queries(len(one)):
        client.get("/notifications")
