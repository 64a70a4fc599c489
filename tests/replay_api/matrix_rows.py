"""Permission-matrix rows for the routes and methods the blueprint replay work added (see tests/matrix.py)."""

from roles.models import Role, Service
from tests.conftest import resource
from tests.factories import AccessCodeFactory, NotificationFactory
from tests.matrix import Row, expect

ADMINS = {"admin": 200, "super_admin": 200}
ADMIN_ONLY = expect(403, anonymous=401, **ADMINS)


def rows(world):
    role = Role.objects.create(name="matrix-helper", title_name="Helper")
    organizer = Role.objects.get(name=Role.ORGANIZER)
    service = Service.objects.get(name="track")
    owner = world.users["user"]
    notification = NotificationFactory(user=owner)
    inactive = AccessCodeFactory(event=world.event, code="MATRIXOFF", is_active=False)
    same_name = resource("service", {"name": "track"}, id=service.pk)
    managers = expect(404, organizer=200, coorganizer=200, **ADMINS)
    return [
        Row("GET", "/v1/users/user-details/get-user-id", expect(200, anonymous=401)),
        Row(
            "POST",
            "/v1/roles",
            expect(403, anonymous=401, admin=201, super_admin=201),
            body=resource("role", {"name": "matrix-new", "title-name": "New"}),
        ),
        Row("PATCH", f"/v1/roles/{role.pk}", ADMIN_ONLY, body=resource("role", {"title-name": "Aide"}, id=role.pk)),
        Row("DELETE", f"/v1/roles/{role.pk}", ADMIN_ONLY),
        Row("DELETE", f"/v1/roles/{organizer.pk}", expect(403, anonymous=401, admin=409, super_admin=409)),
        Row("PATCH", f"/v1/services/{service.pk}", ADMIN_ONLY, body=same_name),
        Row("DELETE", f"/v1/notifications/{notification.pk}", expect(404, anonymous=401, user=200)),
        Row("GET", "/v1/discount-codes", ADMIN_ONLY),
        Row("GET", f"/v1/events/{world.event.pk}/access-codes/{inactive.code}", managers),
    ]
