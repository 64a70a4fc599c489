"""Custom system roles, panel permissions and user permissions (custom_system_roles.apib,
panel_permissions.apib, user/user_permissions.apib): admins administer them; nobody else sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import CustomSystemRole, PanelPermission, UserPermission
from tests.conftest import ApiClient, resource
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_creates_a_custom_system_role_and_gives_it_panel_permissions(admin_api):
    role = admin_api.post("/v1/custom-system-roles", resource("custom-system-role", {"name": "Accountant"}))
    assert role.status_code == 201, role.content
    role_id = role.json()["data"]["id"]
    assert role.json()["data"]["attributes"] == {"name": "Accountant"}
    panel = admin_api.post(
        "/v1/panel-permissions",
        resource(
            "panel-permission",
            {"can-access": True, "panel-name": "sales"},
            relationships={"custom-system-roles": {"data": [{"type": "custom-system-role", "id": role_id}]}},
        ),
    )
    assert panel.status_code == 201, panel.content
    assert panel.json()["data"]["attributes"] == {"can-access": True, "panel-name": "sales"}
    panel_id = panel.json()["data"]["id"]
    related = admin_api.get(f"/v1/custom-system-roles/{role_id}/panel-permissions").json()["data"]
    assert [row["id"] for row in related] == [panel_id]
    back = admin_api.get(f"/v1/panel-permissions/{panel_id}/custom-system-roles").json()["data"]
    assert [row["attributes"]["name"] for row in back] == ["Accountant"]


def test_custom_system_role_names_are_unique_and_required(admin_api):
    CustomSystemRole.objects.create(name="Marketer")
    assert (
        admin_api.post("/v1/custom-system-roles", resource("custom-system-role", {"name": "marketer"})).status_code
        == 409
    )
    assert admin_api.post("/v1/custom-system-roles", resource("custom-system-role", {"name": " "})).status_code == 422
    before = CustomSystemRole.objects.count()
    assert admin_api.post("/v1/custom-system-roles", resource("custom-system-role", {})).status_code in (400, 422)
    assert CustomSystemRole.objects.count() == before


def test_admin_updates_and_deletes_a_panel_permission(admin_api):
    panel = PanelPermission.objects.create(panel_name="admin")
    response = admin_api.patch(
        f"/v1/panel-permissions/{panel.pk}",
        resource("panel-permission", {"can-access": False}, id=panel.pk),
    )
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["can-access"] is False
    deleted = admin_api.delete(f"/v1/panel-permissions/{panel.pk}")
    assert deleted.status_code == 200
    assert deleted.json()["meta"] == {"message": "Object successfully deleted"}
    assert not PanelPermission.objects.filter(pk=panel.pk).exists()


@pytest.mark.parametrize("url", ["/v1/custom-system-roles", "/v1/panel-permissions", "/v1/user-permissions"])
def test_users_who_are_not_admins_cannot_read_the_access_types(url):
    assert ApiClient().get(url).status_code == 401
    assert ApiClient(UserFactory()).get(url).status_code == 403


def test_user_permissions_as_documented(admin_api):
    body = resource(
        "user-permission",
        {"name": "create_event", "description": "Create events", "unverified-user": False, "anonymous-user": False},
    )
    created = admin_api.post("/v1/user-permissions", body)
    assert created.status_code == 201, created.content
    attributes = created.json()["data"]["attributes"]
    assert set(attributes) == {"name", "description", "unverified-user", "anonymous-user", "deleted-at"}
    pk = created.json()["data"]["id"]
    patched = admin_api.patch(
        f"/v1/user-permissions/{pk}", resource("user-permission", {"unverified-user": True}, id=pk)
    )
    assert patched.json()["data"]["attributes"]["unverified-user"] is True
    assert admin_api.post("/v1/user-permissions", body).status_code == 409
    assert admin_api.delete(f"/v1/user-permissions/{pk}").status_code == 200
    assert UserPermission.objects.get(pk=pk).deleted_at is not None
    assert admin_api.get(f"/v1/user-permissions/{pk}").status_code == 404


@pytest.mark.parametrize(
    "url, make",
    [
        ("/v1/custom-system-roles", lambda n: CustomSystemRole.objects.create(name=f"role {n}")),
        ("/v1/panel-permissions", lambda n: PanelPermission.objects.create(panel_name=f"panel {n}")),
        ("/v1/user-permissions", lambda n: UserPermission.objects.create(name=f"permission {n}")),
    ],
)
def test_list_query_count_does_not_grow_with_rows(admin_api, url, make):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_api.get(url).status_code == 200
        return len(queries)

    make(0)
    one = count()
    for n in range(1, 5):
        make(n)
    assert count() == one


def test_admin_pages_render(super_admin):
    from django.test import Client

    client = Client()
    client.force_login(super_admin)
    PanelPermission.objects.create(panel_name="sales").custom_system_roles.add(
        CustomSystemRole.objects.create(name="Sales Admin")
    )
    UserPermission.objects.create(name="publish_event")
    for model in ("customsystemrole", "panelpermission", "userpermission", "useremail", "revokedsession"):
        assert client.get(f"/admin/roles/{model}/").status_code == 200
    panel = PanelPermission.objects.get()
    assert client.get(f"/admin/roles/panelpermission/{panel.pk}/change/").status_code == 200
