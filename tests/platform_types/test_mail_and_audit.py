"""E-mail notification preferences, message settings, the sent-mail log and the audit log
(notification/email_notifications.apib, message_settings.apib, mails.apib, activity.apib)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from notifications.models import Activity, EmailNotification, Mail, MessageSetting
from notifications.services import send_email
from roles.models import Role
from tests.conftest import ApiClient, resource
from tests.factories import PASSWORD, EventFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- e-mail notification preferences -------------------------------------------------------------------------


def preferences(api, event=None, **attributes):
    relationships = {"event": {"data": {"type": "event", "id": str(event.pk)}}} if event else None
    return api.post(
        "/v1/email-notifications",
        resource("email-notification", {"session-schedule": True, **attributes}, relationships=relationships),
    )


def test_a_user_keeps_e_mail_preferences_for_an_event():
    user, event = UserFactory(), EventFactory()
    api = ApiClient(user)
    created = preferences(api, event)
    assert created.status_code == 201, created.content
    data = created.json()["data"]
    assert data["attributes"] == {
        "next-event": False,
        "new-paper": False,
        "session-accept-reject": False,
        "session-schedule": True,
        "after-ticket-purchase": True,
        "event-id": event.pk,
        "deleted-at": None,
    }
    assert set(data["relationships"]) == {"user", "event"}
    pk = data["id"]
    mine = api.get(f"/v1/users/{user.pk}/email-notifications").json()["data"]
    assert [row["id"] for row in mine] == [pk]
    patched = api.patch(
        f"/v1/email-notifications/{pk}",
        resource("email-notification", {"new-paper": True, "event-id": event.pk}, id=pk),
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["data"]["attributes"]["new-paper"] is True
    assert api.delete(f"/v1/email-notifications/{pk}").status_code == 200
    assert api.get(f"/v1/email-notifications/{pk}").status_code == 404


def test_preferences_of_others_are_out_of_reach():
    owner, other = UserFactory(), UserFactory()
    pk = preferences(ApiClient(owner)).json()["data"]["id"]
    api = ApiClient(other)
    assert api.get(f"/v1/email-notifications/{pk}").status_code == 404
    assert api.patch(f"/v1/email-notifications/{pk}", resource("email-notification", {}, id=pk)).status_code == 404
    assert api.get("/v1/email-notifications").status_code == 403
    assert api.post(
        "/v1/email-notifications",
        resource("email-notification", {}, relationships={"user": {"data": {"type": "user", "id": str(owner.pk)}}}),
    ).status_code in (403, 404)
    assert EmailNotification.objects.count() == 1


def test_a_draft_event_of_someone_else_is_refused():
    draft = EventFactory(state="draft")
    before = EmailNotification.objects.count()
    response = ApiClient(UserFactory()).post(
        "/v1/email-notifications", resource("email-notification", {"event-id": draft.pk})
    )
    assert response.status_code in (404, 422)
    assert EmailNotification.objects.count() == before


def test_one_preference_per_user_and_event():
    user, event = UserFactory(), EventFactory()
    api = ApiClient(user)
    assert preferences(api, event).status_code == 201
    assert preferences(api, event).status_code == 409
    assert preferences(api).status_code == 201
    assert preferences(api).status_code == 409
    assert EmailNotification.objects.filter(user=user).count() == 2


def test_admins_list_every_preference(admin_api):
    preferences(ApiClient(UserFactory()))
    preferences(ApiClient(UserFactory()))
    assert len(admin_api.get("/v1/email-notifications").json()["data"]) == 2


# --- message settings --------------------------------------------------------------------------------------


def test_message_settings_are_seeded_and_admins_switch_a_mail_off(admin_api):
    setting = MessageSetting.objects.get(action="event_role")
    listed = admin_api.get("/v1/message-settings").json()["data"]
    assert {row["attributes"]["action"] for row in listed} >= {"event_role", "user_register"}
    response = admin_api.patch(
        f"/v1/message-settings/{setting.pk}",
        resource("message-setting", {"enabled": False, "action": "event_role"}, id=setting.pk),
    )
    assert response.status_code == 200, response.content
    attributes = response.json()["data"]["attributes"]
    assert attributes["enabled"] is False
    assert set(attributes) >= {"action", "enabled", "recipient", "email-subject", "email-message"}
    assert Activity.objects.filter(action__contains="event_role disabled").exists()

    organizer = UserFactory()
    event = EventFactory()
    event.user_roles.create(user=organizer, role=Role.objects.get(name="organizer"))
    invite = ApiClient(organizer).post(
        f"/v1/events/{event.pk}/role-invites",
        resource("role-invite", {"email": "someone@example.org", "role-name": "moderator"}),
    )
    assert invite.status_code == 201, invite.content
    assert not Mail.objects.filter(recipient="someone@example.org").exists()


def test_message_setting_html_is_sanitized_and_its_action_fixed(admin_api):
    setting = MessageSetting.objects.get(action="user_register")
    response = admin_api.patch(
        f"/v1/message-settings/{setting.pk}",
        resource("message-setting", {"email-message": "<p>Hi</p><script>alert(1)</script>"}, id=setting.pk),
    )
    assert "<script" not in response.json()["data"]["attributes"]["email-message"]
    moved = admin_api.patch(
        f"/v1/message-settings/{setting.pk}", resource("message-setting", {"action": "other"}, id=setting.pk)
    )
    assert moved.status_code == 422
    assert admin_api.post("/v1/message-settings", resource("message-setting", {"action": "x"})).status_code == 405


def test_security_mails_cannot_be_switched_off():
    MessageSetting.objects.create(action="password_reset", enabled=False)
    user = UserFactory()
    response = Client().post(
        "/v1/auth/reset-password", {"data": {"email": user.email}}, content_type="application/json"
    )
    assert response.status_code == 200
    assert Mail.objects.filter(recipient=user.email, action="password_reset").exists()


# --- the sent-mail log ----------------------------------------------------------------------------------------


def test_every_queued_mail_is_logged_per_recipient_with_secrets_redacted():
    send_email(
        to=["a@example.org", "b@example.org"],
        subject="Hello",
        body="Open https://x.test/reset-password?token=s3cr3t&x=1 now",
        action="test",
    )
    mails = Mail.objects.order_by("recipient")
    assert [m.recipient for m in mails] == ["a@example.org", "b@example.org"]
    assert all("s3cr3t" not in m.message and "token=[redacted]" in m.message for m in mails)


def test_admins_read_the_mail_log_and_nobody_writes_it(admin_api):
    user = UserFactory()
    Client().post("/v1/auth/reset-password", {"data": {"email": user.email}}, content_type="application/json")
    rows = admin_api.get("/v1/mails?sort=-time").json()["data"]
    mail = next(row for row in rows if row["attributes"]["recipient"] == user.email)
    assert set(mail["attributes"]) == {"recipient", "time", "action", "subject", "message"}
    assert "token=[redacted]" in mail["attributes"]["message"]
    assert admin_api.get(f"/v1/mails/{mail['id']}").status_code == 200
    assert admin_api.post("/v1/mails", resource("mail", {"subject": "x"})).status_code == 405
    assert admin_api.delete(f"/v1/mails/{mail['id']}").status_code == 405
    assert ApiClient(user).get("/v1/mails").status_code == 403


# --- the audit log --------------------------------------------------------------------------------------------


def test_sign_up_password_change_blacklist_and_admin_changes_are_audited(admin_api, admin_user):
    created = ApiClient().post(
        "/v1/users", resource("user", {"email": "new@example.org", "password": "a-long-password-1"})
    )
    assert created.status_code == 201
    user = UserFactory(email="ada@example.org")
    token = (
        Client()
        .post("/v1/auth/login", {"email": user.email, "password": PASSWORD}, content_type="application/json")
        .json()["access_token"]
    )
    changed = Client().post(
        "/v1/auth/change-password",
        {"data": {"old-password": PASSWORD, "new-password": "another-long-pw-2"}},
        content_type="application/json",
        headers={"Authorization": f"JWT {token}"},
    )
    assert changed.status_code == 200
    admin_api.post("/v1/custom-system-roles", resource("custom-system-role", {"name": "Auditor"}))
    rows = admin_api.get("/v1/activities").json()["data"]
    actions = {(row["attributes"]["actor"], row["attributes"]["action"]) for row in rows}
    assert ("new@example.org", "User new@example.org signed up") in actions
    assert ("ada@example.org", "Password of ada@example.org changed") in actions
    assert (admin_user.email, "Custom system role Auditor created") in actions
    assert set(rows[0]["attributes"]) == {"actor", "time", "action"}
    assert admin_api.post("/v1/activities", resource("activity", {"action": "x"})).status_code == 405
    assert ApiClient(user).get("/v1/activities").status_code in (401, 403)


@pytest.mark.parametrize(
    "url, make",
    [
        ("/v1/mails", lambda n: Mail.objects.create(recipient=f"r{n}@example.org", subject="s")),
        ("/v1/activities", lambda n: Activity.objects.create(actor="system", action=f"a {n}")),
        ("/v1/message-settings", lambda n: MessageSetting.objects.create(action=f"action_{n}")),
        (
            "/v1/email-notifications",
            lambda n: EmailNotification.objects.create(user=UserFactory(), event=EventFactory()),
        ),
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
    client = Client()
    client.force_login(super_admin)
    Mail.objects.create(recipient="a@example.org", subject="s")
    Activity.objects.create(actor="system", action="a")
    EmailNotification.objects.create(user=UserFactory())
    for model in ("mail", "activity", "messagesetting", "emailnotification"):
        assert client.get(f"/admin/notifications/{model}/").status_code == 200
