"""The Django admin pages for users, roles, services, the matrix, users-events-roles, invites and events."""

import pytest
from django.test import Client

from roles.models import Permission, Role, RoleInvite, UsersEventsRoles
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(super_admin):
    client = Client()
    client.force_login(super_admin)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/roles/user/?q=example&is_admin__exact=1",
        "/admin/roles/role/",
        "/admin/roles/service/",
        "/admin/roles/permission/",
        "/admin/roles/userseventsroles/",
        "/admin/roles/roleinvite/",
        "/admin/events/event/",
        "/admin/events/eventtopic/",
        "/admin/events/eventsubtopic/",
        "/admin/events/eventtype/",
    ],
)
def test_admin_changelists_render(admin_client_, url):
    event = EventFactory()
    UsersEventsRoles.objects.create(user=UserFactory(), event=event, role=Role.objects.get(name="organizer"))
    RoleInvite.objects.create(email="a@example.org", event=event, role=Role.objects.get(name="moderator"), hash="h1")
    assert admin_client_.get(url).status_code == 200


def test_admin_event_change_page_renders(admin_client_):
    event = EventFactory()
    UsersEventsRoles.objects.create(user=UserFactory(), event=event, role=Role.objects.get(name="organizer"))
    assert admin_client_.get(f"/admin/events/event/{event.pk}/change/").status_code == 200


def test_matrix_is_editable_in_the_changelist(admin_client_):
    cells = list(Permission.objects.filter(role__name="moderator").order_by("service__name")[:2])
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for i, cell in enumerate(cells):
        data[f"form-{i}-id"] = str(cell.pk)
        data[f"form-{i}-can_read"] = "on"
        data[f"form-{i}-can_update"] = "on"
    response = admin_client_.post("/admin/roles/permission/?role__id__exact=" + str(cells[0].role_id), data)
    assert response.status_code == 302, response.content[:2000]
    for cell in cells:
        cell.refresh_from_db()
        assert cell.can_update and cell.can_read


def test_plain_user_cannot_open_the_admin():
    client = Client()
    client.force_login(UserFactory())
    assert client.get("/admin/roles/permission/").status_code == 302
