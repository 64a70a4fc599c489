"""Permission-matrix rows for the platform types: custom system roles, panel permissions, user permissions,
alternate e-mails (see tests/matrix.py)."""

from notifications.models import Activity, EmailNotification, Mail, MessageSetting
from roles.models import CustomSystemRole, PanelPermission, UserEmail, UserPermission
from tests.conftest import resource
from tests.matrix import Row, expect

ADMINS = {"admin": 200, "super_admin": 200}
ADMIN_ONLY = expect(403, anonymous=401, **ADMINS)
NO_RELATIONSHIP = expect(403, anonymous=401, admin=404, super_admin=404)
ADMIN_CREATES = expect(403, anonymous=401, admin=201, super_admin=201)


def _admin_crud(path, type_, pk, create_body, patch_attributes, relationships=()):
    rows = [
        Row("GET", f"/v1/{path}", ADMIN_ONLY),
        Row("POST", f"/v1/{path}", ADMIN_CREATES, body=create_body),
        Row("GET", f"/v1/{path}/{pk}", ADMIN_ONLY),
        Row("PATCH", f"/v1/{path}/{pk}", ADMIN_ONLY, body=resource(type_, patch_attributes, id=pk)),
        Row("DELETE", f"/v1/{path}/{pk}", ADMIN_ONLY),
    ]
    for name in relationships:
        rows.append(Row("GET", f"/v1/{path}/{pk}/{name}", ADMIN_ONLY))
        rows.append(Row("GET", f"/v1/{path}/{pk}/relationships/{name}", ADMIN_ONLY))
    return rows


def rows(world):
    role = CustomSystemRole.objects.create(name="Matrix role")
    panel = PanelPermission.objects.create(panel_name="matrix")
    panel.custom_system_roles.add(role)
    permission = UserPermission.objects.create(name="matrix_permission")
    organizer = world.users["organizer"]
    address = UserEmail.objects.create(user=organizer, email_address="alt-organizer@matrix.test", type="work")
    own = expect(404, anonymous=401, organizer=200, **ADMINS)
    preference = EmailNotification.objects.create(user=organizer, event=world.event)
    setting = MessageSetting.objects.get(action="event_role")
    mail = Mail.objects.create(recipient="someone@matrix.test", subject="Matrix mail")
    activity = Activity.objects.create(actor="system", action="Matrix activity")
    return [
        # e-mail notification preferences: one's own, admins all
        Row("GET", "/v1/email-notifications", ADMIN_ONLY),
        Row(
            "POST",
            "/v1/email-notifications",
            expect(201, anonymous=401),
            body=resource("email-notification", {"new-paper": True}),
        ),
        Row("GET", f"/v1/email-notifications/{preference.pk}", own),
        Row(
            "PATCH",
            f"/v1/email-notifications/{preference.pk}",
            own,
            body=resource("email-notification", {"next-event": True}, id=preference.pk),
        ),
        Row("DELETE", f"/v1/email-notifications/{preference.pk}", own),
        Row("GET", f"/v1/email-notifications/{preference.pk}/user", own),
        Row("GET", f"/v1/email-notifications/{preference.pk}/relationships/event", own),
        Row("GET", f"/v1/users/{organizer.pk}/email-notifications", own),
        Row("GET", f"/v1/events/{world.event.pk}/relationships/email-notifications", expect(200)),
        # message settings, the mail log, the audit log: admins only
        Row("GET", "/v1/message-settings", ADMIN_ONLY),
        Row("GET", f"/v1/message-settings/{setting.pk}", ADMIN_ONLY),
        Row(
            "PATCH",
            f"/v1/message-settings/{setting.pk}",
            ADMIN_ONLY,
            body=resource("message-setting", {"enabled": False}, id=setting.pk),
        ),
        Row("GET", "/v1/mails", ADMIN_ONLY),
        Row("GET", f"/v1/mails/{mail.pk}", ADMIN_ONLY),
        Row("GET", "/v1/activities", ADMIN_ONLY),
        Row("GET", f"/v1/activities/{activity.pk}", ADMIN_ONLY),
        # these types have no relationships: their related and relationship routes name none
        *[
            Row("GET", f"/v1/{path}/{pk}/{route}events", NO_RELATIONSHIP)
            for path, pk in (("message-settings", setting.pk), ("mails", mail.pk), ("activities", activity.pk))
            for route in ("", "relationships/")
        ],
        *_admin_crud(
            "custom-system-roles",
            "custom-system-role",
            role.pk,
            resource("custom-system-role", {"name": "Matrix new role"}),
            {"name": "Matrix renamed"},
            relationships=("panel-permissions",),
        ),
        *_admin_crud(
            "panel-permissions",
            "panel-permission",
            panel.pk,
            resource("panel-permission", {"panel-name": "sales", "can-access": True}),
            {"can-access": False},
            relationships=("custom-system-roles",),
        ),
        *_admin_crud(
            "user-permissions",
            "user-permission",
            permission.pk,
            resource("user-permission", {"name": "matrix_new", "anonymous-user": False}),
            {"description": "changed"},
        ),
        # a user permission has no relationships: its related and relationship routes name none
        Row(
            "GET",
            f"/v1/user-permissions/{permission.pk}/events",
            expect(403, anonymous=401, admin=404, super_admin=404),
        ),
        Row(
            "GET",
            f"/v1/user-permissions/{permission.pk}/relationships/events",
            expect(403, anonymous=401, admin=404, super_admin=404),
        ),
        # alternate e-mails: one's own (any signed-in user adds one), admins all
        Row("GET", "/v1/admin/user-emails", ADMIN_ONLY),
        Row("GET", "/v1/user-emails", ADMIN_ONLY),
        Row(
            "POST",
            "/v1/user-emails",
            expect(201, anonymous=401),
            body=resource("user-email", {"email-address": "matrix-alt@matrix.test", "type": "home"}),
        ),
        Row("GET", f"/v1/user-emails/{address.pk}", own),
        Row(
            "PATCH",
            f"/v1/user-emails/{address.pk}",
            own,
            body=resource("user-email", {"type": "office"}, id=address.pk),
        ),
        Row("DELETE", f"/v1/user-emails/{address.pk}", own),
        Row("GET", f"/v1/user-emails/{address.pk}/user", own),
        Row("GET", f"/v1/user-emails/{address.pk}/relationships/user", own),
        Row("GET", f"/v1/users/{organizer.pk}/alternate-emails", own),
        Row("GET", f"/v1/users/{organizer.pk}/relationships/alternate-emails", own),
    ]
