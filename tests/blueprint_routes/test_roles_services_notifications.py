"""roles.apib, services.apib, notifications.apib, discount_codes.apib, access_codes.apib: the writes and lists
the Open Event Server documents, with the rules that keep the permission module intact."""

import pytest

from notifications.models import Notification
from roles.models import Role, Service, UsersEventsRoles
from tests.conftest import ApiClient, resource
from tests.factories import AccessCodeFactory, DiscountCodeFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_creates_renames_and_deletes_a_role(admin_api):
    created = admin_api.post("/v1/roles", resource("role", {"name": "example-helper", "title-name": "Helper"}))
    assert created.status_code == 201, created.content
    role_id = created.json()["data"]["id"]
    assert created.json()["data"]["attributes"] == {"name": "example-helper", "title-name": "Helper"}
    renamed = admin_api.patch(
        f"/v1/roles/{role_id}", resource("role", {"name": "example-volunteer", "title-name": "Volunteer"}, id=role_id)
    )
    assert renamed.status_code == 200, renamed.content
    assert Role.objects.get(pk=role_id).name == "example-volunteer"
    deleted = admin_api.delete(f"/v1/roles/{role_id}")
    assert deleted.status_code == 200
    assert deleted.json()["meta"] == {"message": "Object successfully deleted"}
    assert not Role.objects.filter(pk=role_id).exists()


def test_role_names_are_required_and_unique(admin_api):
    before = Role.objects.count()
    assert admin_api.post("/v1/roles", resource("role", {"name": "Organizer"})).status_code in (400, 409, 422)
    assert admin_api.post("/v1/roles", resource("role", {"name": " "})).status_code in (400, 422)
    assert Role.objects.count() == before


def test_system_roles_keep_their_name_and_cannot_be_deleted(admin_api):
    organizer = Role.objects.get(name=Role.ORGANIZER)
    rename = admin_api.patch(
        f"/v1/roles/{organizer.pk}", resource("role", {"name": "boss"}, id=organizer.pk)
    )  # fmt: skip
    assert rename.status_code == 409
    assert "system role" in rename.json()["errors"][0]["detail"]
    retitle = admin_api.patch(
        f"/v1/roles/{organizer.pk}", resource("role", {"title-name": "Organiser"}, id=organizer.pk)
    )  # fmt: skip
    assert retitle.status_code == 200
    deleted = admin_api.delete(f"/v1/roles/{organizer.pk}")
    assert deleted.status_code == 409
    assert "system role" in deleted.json()["errors"][0]["detail"]
    assert Role.objects.get(pk=organizer.pk).name == Role.ORGANIZER


def test_a_role_held_on_an_event_cannot_be_deleted(admin_api, event):
    role = Role.objects.create(name="example-held")
    UsersEventsRoles.objects.create(user=UserFactory(), event=event, role=role)
    assert admin_api.delete(f"/v1/roles/{role.pk}").status_code == 409
    assert Role.objects.filter(pk=role.pk).exists()


def test_only_admins_write_roles_and_services(user_api):
    role = Role.objects.get(name=Role.REGISTRAR)
    service = Service.objects.get(name="track")
    assert user_api.post("/v1/roles", resource("role", {"name": "mine"})).status_code == 403
    assert user_api.patch(f"/v1/roles/{role.pk}", resource("role", {"title-name": "x"}, id=role.pk)).status_code == 403
    assert user_api.delete(f"/v1/roles/{role.pk}").status_code == 403
    body = resource("service", {"name": "track"}, id=service.pk)
    assert user_api.patch(f"/v1/services/{service.pk}", body).status_code == 403
    assert Role.objects.get(pk=role.pk).title_name != "x"


def test_admin_patches_a_service_but_not_its_name(admin_api):
    service = Service.objects.get(name="track")
    same = admin_api.patch(f"/v1/services/{service.pk}", resource("service", {"name": "track"}, id=service.pk))
    assert same.status_code == 200, same.content
    assert same.json()["data"]["attributes"] == {"name": "track"}
    renamed = admin_api.patch(f"/v1/services/{service.pk}", resource("service", {"name": "lane"}, id=service.pk))
    assert renamed.status_code == 409
    assert Service.objects.get(pk=service.pk).name == "track"


def test_the_owner_deletes_a_notification(user, user_api):
    mine = NotificationFactory(user=user)
    deleted = user_api.delete(f"/v1/notifications/{mine.pk}")
    assert deleted.status_code == 200
    assert deleted.json()["meta"] == {"message": "Object successfully deleted"}
    assert not Notification.objects.filter(pk=mine.pk).exists()


def test_nobody_else_deletes_a_notification(user, admin_api):
    theirs = NotificationFactory(user=user)
    assert ApiClient(UserFactory()).delete(f"/v1/notifications/{theirs.pk}").status_code == 404
    assert ApiClient().delete(f"/v1/notifications/{theirs.pk}").status_code == 401
    assert Notification.objects.filter(pk=theirs.pk).exists()


def test_admins_list_every_discount_code(admin_api, org_api, event):
    ticket_code = DiscountCodeFactory(event=event)
    event_code = DiscountCodeFactory(event=event, used_for="event")
    listed = admin_api.get("/v1/discount-codes").json()["data"]
    assert {row["id"] for row in listed} == {str(ticket_code.pk), str(event_code.pk)}
    assert org_api.get("/v1/discount-codes").status_code == 403
    assert ApiClient().get("/v1/discount-codes").status_code == 401


def test_discount_code_list_costs_the_same_for_one_or_five(admin_api, event, django_assert_max_num_queries):
    from tests.ticket_types.conftest import assert_constant_queries

    assert_constant_queries(
        admin_api, "/v1/discount-codes", lambda: DiscountCodeFactory(event=event), django_assert_max_num_queries
    )


def test_managers_look_up_an_inactive_access_code_buyers_do_not(org_api, event):
    AccessCodeFactory(event=event, code="SECRET1", is_active=False)
    url = f"/v1/events/{event.pk}/access-codes/secret1"
    found = org_api.get(url)
    assert found.status_code == 200, found.content
    assert found.json()["data"]["attributes"]["code"] == "SECRET1"
    assert ApiClient(UserFactory()).get(url).status_code == 404
    assert ApiClient().get(url).status_code == 404
