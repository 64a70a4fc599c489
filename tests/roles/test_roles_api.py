"""/v1/roles, /v1/services, /v1/event-role-permissions, users-events-roles and the user role flags."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles import permissions as rules
from roles.models import Permission, Role, UsersEventsRoles
from tests.conftest import ApiClient, resource
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def give_role(user, event, role):
    return UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response


def test_roles_and_services_are_read_by_signed_in_users(api, user_api):
    assert api.get("/v1/roles").status_code == 401
    data = user_api.get("/v1/roles?page[size]=0").json()["data"]
    assert {item["attributes"]["name"] for item in data} >= {"organizer", "coorganizer", "registrar"}
    assert data[0]["type"] == "role" and "title-name" in data[0]["attributes"]
    services = user_api.get("/v1/services?filter[name]=ticket").json()["data"]
    assert [s["attributes"]["name"] for s in services] == ["ticket"]
    assert user_api.post("/v1/roles", resource("role", {"name": "x"})).status_code == 403


def test_matrix_is_read_by_everyone_signed_in_with_constant_queries(user_api):
    queries, response = count_queries(user_api, "/v1/event-role-permissions?page[size]=50&include=role,service")
    data = response.json()["data"]
    assert len(data) == 50 < Permission.objects.count()
    assert data[0]["type"] == "event-role-permissions"
    assert {"can-create", "can-read", "can-update", "can-delete"} <= set(data[0]["attributes"])
    small, _ = count_queries(user_api, "/v1/event-role-permissions?page[size]=5&include=role,service")
    assert small == queries


def test_super_admin_edits_the_matrix_and_can_follows(super_admin, admin_api):
    event = EventFactory()
    moderator = give_role(UserFactory(), event, "moderator").user
    cell = Permission.objects.get(role__name="moderator", service__name="session")
    doc = resource("event-role-permissions", {"can-update": True}, id=cell.pk)
    assert admin_api.patch(f"/v1/event-role-permissions/{cell.pk}", doc).status_code == 403
    assert not rules.can(moderator, "update", "session", event)
    response = ApiClient(super_admin).patch(f"/v1/event-role-permissions/{cell.pk}", doc)
    assert response.status_code == 200
    rules.forget(moderator)
    assert rules.can(moderator, "update", "session", event)


def test_event_team_list_and_role_detail():
    event = EventFactory()
    organizer = give_role(UserFactory(), event, "organizer").user
    moderator_role = give_role(UserFactory(), event, "moderator")
    client = ApiClient(organizer)
    data = client.get(f"/v1/events/{event.identifier}/users-events-roles?include=user,role").json()
    assert data["data"][0]["type"] == "users-events-roles"
    assert {item["type"] for item in data["included"]} == {"user", "role"}
    assert ApiClient(moderator_role.user).get(f"/v1/users-events-roles/{moderator_role.pk}").status_code == 200
    assert ApiClient(UserFactory()).get(f"/v1/users-events-roles/{moderator_role.pk}").status_code == 404


def test_event_team_list_query_count_is_constant():
    event = EventFactory()
    organizer = give_role(UserFactory(), event, "organizer").user
    client = ApiClient(organizer)
    url = f"/v1/events/{event.pk}/users-events-roles?include=user,role,event"
    one, _ = count_queries(client, url)
    for role in ("coorganizer", "moderator", "registrar", "track_organizer"):
        give_role(UserFactory(), event, role)
    five, response = count_queries(client, url)
    assert len(response.json()["data"]) == 5
    assert five == one


def test_organizer_removes_a_role_but_never_the_last_organizer():
    event = EventFactory()
    first = give_role(UserFactory(), event, "organizer")
    second = give_role(UserFactory(), event, "organizer")
    client = ApiClient(first.user)
    assert client.delete(f"/v1/users-events-roles/{second.pk}").status_code == 200
    response = client.delete(f"/v1/users-events-roles/{first.pk}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/role"
    assert UsersEventsRoles.objects.filter(pk=first.pk).exists()


def test_user_role_flags(admin_api):
    user = UserFactory()
    give_role(user, EventFactory(), "coorganizer")
    give_role(user, EventFactory(), "registrar")
    attributes = ApiClient(user).get(f"/v1/users/{user.pk}").json()["data"]["attributes"]
    assert attributes["is-user-coorganizer"] is True
    assert attributes["is-user-registrar"] is True
    assert attributes["is-user-organizer"] is False
    assert attributes["is-user-track-organizer"] is False
    assert attributes["is-user-moderator"] is False


def test_user_relationships_link_to_event_lists(user):
    data = ApiClient(user).get(f"/v1/users/{user.pk}").json()["data"]
    link = data["relationships"]["organizer-events"]["links"]["related"]
    assert link.endswith(f"/v1/users/{user.pk}/organizer-events")
    assert ApiClient(user).get(link).status_code == 200


def test_users_list_with_flags_has_constant_query_count(admin_api):
    def make():
        user = UserFactory()
        give_role(user, EventFactory(), "organizer")

    make()
    one, _ = count_queries(admin_api, "/v1/users")
    for _ in range(4):
        make()
    five, response = count_queries(admin_api, "/v1/users")
    assert len(response.json()["data"]) == 6  # the admin too
    assert five == one
    assert all("is-user-organizer" in item["attributes"] for item in response.json()["data"])


@pytest.mark.parametrize("url", ["/v1/roles", "/v1/services"])
def test_fixed_lists_have_constant_query_count(user_api, url):
    one, response = count_queries(user_api, f"{url}?page[size]=1")
    assert len(response.json()["data"]) == 1
    five, response = count_queries(user_api, f"{url}?page[size]=5")
    assert len(response.json()["data"]) == 5
    assert five == one
