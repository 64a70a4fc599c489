import json

import pytest
from django.utils import timezone

from notifications.models import Notification
from tests.conftest import resource
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def ago(minutes):
    return timezone.now() - timezone.timedelta(minutes=minutes)


def test_list_shows_only_own_notifications_newest_first(user, user_api):
    older = NotificationFactory(user=user, received_at=ago(10))
    newer = NotificationFactory(user=user, received_at=ago(1))
    NotificationFactory()  # someone else's
    response = user_api.get("/v1/notifications")
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["data"]] == [str(newer.pk), str(older.pk)]
    assert body["meta"]["count"] == 2
    assert body["meta"]["unread-count"] == 2


def test_list_serves_client_and_newer_server_attributes(user, user_api):
    NotificationFactory(user=user, title="Hi", message="<p>There</p>", kind="role_invite")
    item = user_api.get("/v1/notifications").json()["data"][0]
    assert item["type"] == "notification"
    attributes = item["attributes"]
    assert attributes["title"] == "Hi"
    assert attributes["message"] == "<p>There</p>"
    assert attributes["is-read"] is False
    assert {"received-at", "created-at", "content"} <= set(attributes)
    assert attributes["content"]["type"] == "role_invite"
    assert item["relationships"]["user"]["data"] == {"type": "user", "id": str(user.pk)}


def test_list_anonymous_is_401(api):
    assert api.get("/v1/notifications").status_code == 401


def test_list_filters_is_read_in_both_syntaxes(user, user_api):
    read = NotificationFactory(user=user, is_read=True)
    unread = NotificationFactory(user=user)
    response = user_api.get("/v1/notifications?filter[is-read]=true")
    assert [i["id"] for i in response.json()["data"]] == [str(read.pk)]
    oef = json.dumps([{"name": "is-read", "op": "eq", "val": False}])
    response = user_api.get(f"/v1/notifications?filter={oef}")
    assert response.status_code == 200, response.json()
    assert [i["id"] for i in response.json()["data"]] == [str(unread.pk)]


def test_list_unknown_filter_is_400(user_api):
    response = user_api.get("/v1/notifications?filter[secret]=x")
    assert response.status_code == 400


def test_list_sorts_by_received_and_created(user, user_api):
    first = NotificationFactory(user=user, received_at=ago(5))
    second = NotificationFactory(user=user, received_at=ago(50))
    ids = [i["id"] for i in user_api.get("/v1/notifications?sort=-received-at").json()["data"]]
    assert ids == [str(first.pk), str(second.pk)]
    ids = [i["id"] for i in user_api.get("/v1/notifications?sort=received-at").json()["data"]]
    assert ids == [str(second.pk), str(first.pk)]
    ids = [i["id"] for i in user_api.get("/v1/notifications?sort=-created-at").json()["data"]]
    assert ids == [str(second.pk), str(first.pk)]


def test_list_paginates(user, user_api):
    NotificationFactory.create_batch(3, user=user)
    body = user_api.get("/v1/notifications?page[size]=2&page[number]=2").json()
    assert len(body["data"]) == 1
    assert body["meta"]["count"] == 3


def test_list_query_count_does_not_grow_with_items(user, user_api, django_assert_max_num_queries):
    NotificationFactory(user=user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert user_api.get("/v1/notifications?include=user").status_code == 200
    NotificationFactory.create_batch(4, user=user, target=user)
    with django_assert_max_num_queries(len(one)):
        assert user_api.get("/v1/notifications?include=user").status_code == 200


def test_user_notifications_owner_sees_own(user, user_api):
    mine = NotificationFactory(user=user)
    response = user_api.get(f"/v1/users/{user.pk}/notifications")
    assert response.status_code == 200
    assert [i["id"] for i in response.json()["data"]] == [str(mine.pk)]


def test_user_notifications_of_someone_else_is_404(user_api, admin_api):
    other = UserFactory()
    NotificationFactory(user=other)
    assert user_api.get(f"/v1/users/{other.pk}/notifications").status_code == 404
    assert admin_api.get(f"/v1/users/{other.pk}/notifications").status_code == 404


def test_retrieve_own_and_others_is_404(user, user_api):
    mine = NotificationFactory(user=user)
    theirs = NotificationFactory()
    assert user_api.get(f"/v1/notifications/{mine.pk}").status_code == 200
    assert user_api.get(f"/v1/notifications/{theirs.pk}").status_code == 404


def test_patch_is_read_marks_read(user, user_api):
    notification = NotificationFactory(user=user)
    body = resource("notification", {"is-read": True}, id=notification.pk)
    response = user_api.patch(f"/v1/notifications/{notification.pk}", body)
    assert response.status_code == 200, response.json()
    assert response.json()["data"]["attributes"]["is-read"] is True
    assert response.json()["meta"]["unread-count"] == 0
    notification.refresh_from_db()
    assert notification.is_read is True


def test_patch_other_attribute_is_422_with_pointer(user, user_api):
    notification = NotificationFactory(user=user, title="Keep")
    body = resource("notification", {"is-read": True, "title": "Changed"}, id=notification.pk)
    response = user_api.patch(f"/v1/notifications/{notification.pk}", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/title"
    notification.refresh_from_db()
    assert (notification.title, notification.is_read) == ("Keep", False)


def test_patch_someone_elses_is_404(user_api):
    theirs = NotificationFactory()
    body = resource("notification", {"is-read": True}, id=theirs.pk)
    assert user_api.patch(f"/v1/notifications/{theirs.pk}", body).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_read is False


def test_delete_someone_elses_is_404(user, user_api):
    theirs = NotificationFactory()
    assert user_api.delete(f"/v1/notifications/{theirs.pk}").status_code == 404
    assert Notification.objects.filter(pk=theirs.pk).exists()


def test_mark_read_action(user, user_api):
    notification = NotificationFactory(user=user)
    response = user_api.post(f"/v1/notifications/{notification.pk}/mark-read")
    assert response.status_code == 200, response.json()
    notification.refresh_from_db()
    assert notification.is_read is True


def test_mark_all_read_marks_only_own(user, user_api):
    NotificationFactory.create_batch(2, user=user)
    theirs = NotificationFactory()
    response = user_api.post("/v1/notifications/mark-all-read")
    assert response.status_code == 200, response.json()
    assert response.json() == {"meta": {"marked-read": 2, "unread-count": 0}, "jsonapi": {"version": "1.0"}}
    assert Notification.objects.filter(user=user, is_read=False).count() == 0
    theirs.refresh_from_db()
    assert theirs.is_read is False


def test_session_auth_requires_csrf(user):
    from django.test import Client

    notification = NotificationFactory(user=user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    url = f"/v1/notifications/{notification.pk}/mark-read"
    assert client.post(url, content_type="application/vnd.api+json").status_code == 403
    client.get("/v1/notifications")
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else None
    from django.middleware.csrf import _get_new_csrf_string

    token = token or _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    response = client.post(url, content_type="application/vnd.api+json", headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.content
    notification.refresh_from_db()
    assert notification.is_read is True


def test_user_notifications_query_count_does_not_grow_with_items(user, user_api, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    NotificationFactory(user=user)
    url = f"/v1/users/{user.pk}/notifications?include=user"
    with CaptureQueriesContext(connection) as one:
        assert user_api.get(url).status_code == 200
    NotificationFactory.create_batch(4, user=user, target=user)
    with django_assert_max_num_queries(len(one)):
        assert user_api.get(url).status_code == 200


def test_list_etag_answers_304_until_a_new_notification_arrives(user, user_api):
    NotificationFactory(user=user)
    first = user_api.get("/v1/notifications?filter[is-read]=true")
    tag = first["ETag"]
    assert user_api.get("/v1/notifications?filter[is-read]=true", headers={"If-None-Match": tag}).status_code == 304
    NotificationFactory(user=user)  # not in this filtered list, but the unread count in meta changes
    again = user_api.get("/v1/notifications?filter[is-read]=true", headers={"If-None-Match": tag})
    assert again.status_code == 200
    assert again.json()["meta"]["unread-count"] == 2


def test_patch_with_stale_if_match_is_412_and_writes_nothing(user, user_api):
    notification = NotificationFactory(user=user)
    tag = user_api.get(f"/v1/notifications/{notification.pk}")["ETag"]
    user_api.post(f"/v1/notifications/{notification.pk}/mark-read")
    body = resource("notification", {"is-read": False}, id=notification.pk)
    response = user_api.patch(f"/v1/notifications/{notification.pk}", body, headers={"If-Match": tag})
    assert response.status_code == 412
    notification.refresh_from_db()
    assert notification.is_read is True


def test_patch_without_is_read_is_422(user, user_api):
    notification = NotificationFactory(user=user)
    response = user_api.patch(f"/v1/notifications/{notification.pk}", resource("notification", {}, id=notification.pk))
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/is-read"


def test_patch_non_boolean_is_read_is_422(user, user_api):
    notification = NotificationFactory(user=user)
    body = resource("notification", {"is-read": "maybe"}, id=notification.pk)
    response = user_api.patch(f"/v1/notifications/{notification.pk}", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/is-read"


def test_list_sparse_fields(user, user_api):
    NotificationFactory(user=user)
    item = user_api.get("/v1/notifications?fields[notification]=title,is-read").json()["data"][0]
    assert set(item["attributes"]) == {"title", "is-read"}


def test_post_to_list_is_405(user_api):
    assert user_api.post("/v1/notifications", resource("notification", {"title": "x"})).status_code == 405


def test_patch_echoing_every_unchanged_attribute_is_accepted(user, user_api):
    """The Ember client sends all attributes back on save; unchanged read-only ones are fine."""
    notification = NotificationFactory(user=user, title="Same")
    current = user_api.get(f"/v1/notifications/{notification.pk}").json()["data"]
    attributes = {**current["attributes"], "is-read": True}
    attributes["received-at"] = notification.received_at.isoformat(timespec="milliseconds")  # moment's precision
    relationships = {"user": {"data": {"type": "user", "id": str(user.pk)}}}
    body = resource("notification", attributes, id=notification.pk, relationships=relationships)
    response = user_api.patch(f"/v1/notifications/{notification.pk}", body)
    assert response.status_code == 200, response.json()
    notification.refresh_from_db()
    assert (notification.is_read, notification.title) == (True, "Same")


def test_patch_unknown_attribute_is_422(user, user_api):
    notification = NotificationFactory(user=user)
    body = resource("notification", {"is-read": True, "colour": "red"}, id=notification.pk)
    response = user_api.patch(f"/v1/notifications/{notification.pk}", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/colour"


def test_patch_changed_received_at_is_422(user, user_api):
    notification = NotificationFactory(user=user)
    body = resource("notification", {"is-read": True, "received-at": "2020-01-01T00:00:00Z"}, id=notification.pk)
    response = user_api.patch(f"/v1/notifications/{notification.pk}", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/received-at"
