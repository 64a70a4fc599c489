"""Permission-matrix rows for the notification routes: every signed-in user sees only their own."""

from tests.factories import NotificationFactory
from tests.matrix import Row, expect


def rows(world):
    owner = world.users["user"]
    notification = NotificationFactory(user=owner)
    detail = f"/v1/notifications/{notification.pk}"
    owner_only = expect(404, anonymous=401, user=200)
    patch_body = {"data": {"type": "notification", "id": str(notification.pk), "attributes": {"is-read": True}}}
    return [
        Row("GET", "/v1/notifications", expect(200, anonymous=401), name="own list"),
        Row("POST", "/v1/notifications/mark-all-read", expect(200, anonymous=401), name="mark all read"),
        Row("GET", detail, owner_only, name="someone's notification"),
        Row("PATCH", detail, owner_only, body=patch_body, name="mark read by PATCH"),
        Row("POST", f"{detail}/mark-read", owner_only, name="mark one read"),
        Row("GET", f"/v1/users/{owner.pk}/notifications", owner_only, name="a user's notifications"),
        Row("GET", f"{detail}/user", owner_only, name="its user"),
        Row("GET", f"{detail}/relationships/user", owner_only, name="its user (linkage)"),
        Row(
            "PATCH",
            f"{detail}/relationships/user",
            expect(404, anonymous=401, user=403),
            body={"data": {"type": "user", "id": str(owner.pk)}},
            name="read-only relationship",
        ),
    ]
