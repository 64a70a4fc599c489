"""Permission-matrix rows for users, roles, services, the permission matrix, role invites and
users-events-roles (see tests/matrix.py)."""

import secrets

from roles.models import Permission, Role, RoleInvite, Service, UsersEventsRoles
from tests.conftest import resource
from tests.matrix import Row, expect

ADMINS = {"admin": 200, "super_admin": 200}
SIGNED_IN = expect(200, anonymous=401)


def rows(world):
    event = world.event
    organizer = world.users["organizer"]
    role = Role.objects.get(name="track_organizer")
    service = Service.objects.get(name="ticket")
    permission = Permission.objects.get(role=role, service=service)
    # an invite for the plain "user" actor
    invite = RoleInvite.objects.create(
        email="user@matrix.test", event=event, role=Role.objects.get(name="moderator"), hash=secrets.token_hex(32)
    )
    moderator_row = UsersEventsRoles.objects.get(event=event, user=world.users["moderator"])
    organizer_row = UsersEventsRoles.objects.get(event=event, user=organizer, role__name="organizer")
    invite_readers = {"user": 200, "coorganizer": 200, "organizer": 200, **ADMINS}
    return [
        # users
        Row("GET", "/v1/users", SIGNED_IN),
        Row(
            "POST",
            "/v1/users",
            expect(201),
            body=resource("user", {"email": "matrix-new@example.org", "password": "long-enough-pw"}),
        ),
        Row("GET", f"/v1/users/{organizer.pk}", expect(404, anonymous=401, organizer=200, **ADMINS)),
        Row(
            "PATCH",
            f"/v1/users/{organizer.pk}",
            expect(404, anonymous=401, organizer=200, **ADMINS),
            body=resource("user", {"first-name": "Org"}, id=organizer.pk),
        ),
        Row(
            "DELETE", f"/v1/users/{organizer.pk}", expect(404, anonymous=401, organizer=200, admin=200, super_admin=200)
        ),
        Row("POST", "/v1/users/check_email", expect(200), body={"email": "organizer@matrix.test"}),
        Row("GET", f"/v1/users/{organizer.pk}/groups", expect(404, anonymous=401, organizer=200, **ADMINS)),
        Row(
            "GET",
            f"/v1/users/{organizer.pk}/relationships/orders",
            expect(404, anonymous=401, organizer=200, **ADMINS),
        ),
        # roles, services, the matrix
        Row("GET", "/v1/roles", SIGNED_IN),
        Row("GET", f"/v1/roles/{role.pk}/role-invites", SIGNED_IN),
        Row("GET", f"/v1/roles/{role.pk}/relationships/role-invites", SIGNED_IN),
        Row("GET", f"/v1/services/{service.pk}/roles", expect(404, anonymous=401), name="no such relationship"),
        Row(
            "GET",
            f"/v1/services/{service.pk}/relationships/roles",
            expect(404, anonymous=401),
            name="no such relationship",
        ),
        Row("GET", f"/v1/event-role-permissions/{permission.pk}/role", SIGNED_IN),
        Row("GET", f"/v1/event-role-permissions/{permission.pk}/relationships/service", SIGNED_IN),
        Row("GET", f"/v1/roles/{role.pk}", SIGNED_IN),
        Row("GET", "/v1/services", SIGNED_IN),
        Row("GET", f"/v1/services/{service.pk}", SIGNED_IN),
        Row("GET", "/v1/event-role-permissions", SIGNED_IN),
        Row("GET", f"/v1/event-role-permissions/{permission.pk}", SIGNED_IN),
        Row(
            "PATCH",
            f"/v1/event-role-permissions/{permission.pk}",
            expect(403, anonymous=401, super_admin=200),
            body=resource("event-role-permissions", {"can-read": True}, id=permission.pk),
        ),
        # role invites
        Row(
            "GET",
            f"/v1/events/{event.pk}/role-invites",
            expect(403, anonymous=401, coorganizer=200, organizer=200, **ADMINS),
        ),
        Row(
            "POST",
            f"/v1/events/{event.identifier}/role-invites",
            expect(403, anonymous=401, organizer=201, admin=201, super_admin=201),
            body=resource(
                "role-invite",
                {"email": "someone@example.org", "role-name": "coorganizer"},
            ),
        ),
        Row(
            "POST",
            "/v1/role-invites",
            expect(403, anonymous=401, organizer=201, admin=201, super_admin=201),
            body=resource(
                "role-invite",
                {"email": "top-level@example.org", "role-name": "coorganizer"},
                relationships={"event": {"data": {"type": "event", "id": str(event.pk)}}},
            ),
        ),
        Row("GET", f"/v1/role-invites/{invite.pk}", expect(404, anonymous=401, **invite_readers)),
        Row("GET", f"/v1/role-invites/{invite.pk}/role", expect(404, anonymous=401, **invite_readers)),
        Row("GET", f"/v1/role-invites/{invite.pk}/relationships/event", expect(404, anonymous=401, **invite_readers)),
        Row(
            "PATCH",
            f"/v1/role-invites/{invite.pk}",
            expect(404, anonymous=401, user=200, coorganizer=403, organizer=403, admin=403, super_admin=403),
            body=resource("role-invite", {"status": "accepted"}, id=invite.pk),
            name="status: invitee only",
        ),
        Row(
            "PATCH",
            f"/v1/role-invites/{invite.pk}",
            expect(404, anonymous=401, user=403, coorganizer=403, organizer=200, **ADMINS),
            body=resource("role-invite", {"email": "other@example.org"}, id=invite.pk),
            name="other fields: organizer only",
        ),
        Row(
            "DELETE",
            f"/v1/role-invites/{invite.pk}",
            expect(404, anonymous=401, user=403, coorganizer=403, organizer=200, admin=200, super_admin=200),
        ),
        Row(
            "POST",
            f"/v1/role-invites/{invite.pk}/resend-invite",
            expect(404, anonymous=401, user=403, coorganizer=403, organizer=200, **ADMINS),
        ),
        Row("POST", "/v1/role_invites/user", expect(200), body={"data": {"token": invite.hash}}),
        Row(
            "POST",
            "/v1/role_invites/accept-invite",
            SIGNED_IN,  # the link's secret token is the invitation: whoever holds it (signed in) accepts
            body={"data": {"token": invite.hash}},
        ),
        # users-events-roles
        Row(
            "GET",
            f"/v1/events/{event.pk}/users-events-roles",
            expect(403, anonymous=401, coorganizer=200, organizer=200, **ADMINS),
        ),
        Row(
            "GET",
            f"/v1/users-events-roles/{moderator_row.pk}",
            expect(404, anonymous=401, moderator=200, coorganizer=200, organizer=200, **ADMINS),
        ),
        Row(
            "GET",
            f"/v1/users-events-roles/{moderator_row.pk}/user",
            expect(404, anonymous=401, moderator=200, coorganizer=200, organizer=200, **ADMINS),
        ),
        Row(
            "GET",
            f"/v1/users-events-roles/{moderator_row.pk}/relationships/role",
            expect(404, anonymous=401, moderator=200, coorganizer=200, organizer=200, **ADMINS),
        ),
        Row(
            "DELETE",
            f"/v1/users-events-roles/{moderator_row.pk}",
            expect(404, anonymous=401, moderator=403, coorganizer=403, organizer=200, admin=200, super_admin=200),
        ),
        Row(
            "DELETE",
            f"/v1/users-events-roles/{organizer_row.pk}",
            expect(404, anonymous=401, coorganizer=403, organizer=422, admin=422, super_admin=422),
            name="last organizer stays",
        ),
    ]
