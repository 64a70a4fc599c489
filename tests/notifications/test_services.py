import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from eventyay.errors import DomainError
from notifications.models import Notification
from notifications.selectors import humanize_received, unread_payload
from notifications.services import notify, send_email
from roles.services import user_create
from tests.factories import EventFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_notify_sanitizes_message_and_records_target(user):
    event = EventFactory()
    notification = notify(
        user=user,
        kind="role_invite",
        title="Invite",
        message=mark_safe('<p onclick="x()">Hi<script>evil()</script><img src="https://t.example/p.gif"></p>'),
        target=event,
    )
    notification.refresh_from_db()
    assert notification.message == "<p>Hi</p>"
    assert notification.target == event
    assert (notification.kind, notification.is_read) == ("role_invite", False)
    assert notification.received_at is not None


def test_notify_shows_user_text_as_text(user):
    name = '<a href="https://evil.example">x</a><img src="https://t.example/p.gif">'
    notification = notify(
        user=user,
        kind="role_invite",
        title=f"Invitation to {name}",
        message=format_html("<p>Join <strong>{}</strong></p>", name),
    )
    notification.refresh_from_db()
    assert notification.title == (
        'Invitation to &lt;a href="https://evil.example"&gt;x&lt;/a&gt;&lt;img src="https://t.example/p.gif"&gt;'
    )
    assert notification.message == (
        "<p>Join <strong>&lt;a href=\"https://evil.example\"&gt;x&lt;/a&gt;"
        "&lt;img src=\"https://t.example/p.gif\"&gt;</strong></p>"
    )


def test_notify_escapes_a_plain_text_message(user):
    notification = notify(user=user, kind="message", title="Hi & bye", message="1 < 2 <b>not bold</b>")
    assert (notification.title, notification.message) == ("Hi &amp; bye", "1 &lt; 2 &lt;b&gt;not bold&lt;/b&gt;")


def test_notify_without_title_is_a_domain_error(user):
    with pytest.raises(DomainError):
        notify(user=user, kind="message", title="  ", message="x")
    assert Notification.objects.count() == 0


def test_notify_pushes_only_after_commit(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(user=user, kind="message", title="Later", message="")
    assert len(callbacks) == 1


def test_unread_payload_is_newest_first_and_unread_only(user):
    from django.utils import timezone

    now = timezone.now()
    NotificationFactory(user=user, title="old", received_at=now - timezone.timedelta(hours=2))
    NotificationFactory(user=user, title="new", received_at=now - timezone.timedelta(minutes=3))
    NotificationFactory(user=user, title="read", is_read=True)
    payload = unread_payload(user.pk)
    assert payload["notif_count"] == 2
    assert [n["title"] for n in payload["notifs"]] == ["new", "old"]
    assert payload["notifs"][0]["received"] == "3 minutes ago"
    assert payload["notifs"][1]["received"] == "2 hours ago"


def test_humanize_received_just_now():
    from django.utils import timezone

    assert humanize_received(timezone.now()) == "just now"


def test_registration_sends_welcome_notification_and_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = user_create(data={"email": "New@Example.org", "password": "a-long-enough-pass-123"})
    welcome = Notification.objects.get(user=user)
    assert (welcome.kind, welcome.title) == ("welcome", "Welcome to eventyay")
    [welcome_mail] = [m for m in mail.outbox if m.subject == "Welcome to eventyay"]
    assert welcome_mail.to == ["new@example.org"]


def test_send_email_goes_out_after_commit_through_the_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_email(to="a@example.org", subject="Hi", body="Text", html_body="<p>Text</p>")
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject, message.body) == (["a@example.org"], "Hi", "Text")
    assert message.alternatives[0][0] == "<p>Text</p>"


def test_notify_user_command_creates_a_notification(user):
    call_command("notify_user", user.email, "From CLI", "<b>hello</b>")
    notification = Notification.objects.get(user=user)
    assert (notification.title, notification.message) == ("From CLI", "<b>hello</b>")


def test_notify_user_command_unknown_email_fails():
    with pytest.raises(CommandError):
        call_command("notify_user", "nobody@example.org", "t", "m")


def test_cascade_user_delete_removes_notifications():
    user = UserFactory()
    NotificationFactory(user=user)
    user.delete()
    assert Notification.objects.count() == 0


def test_role_invite_to_an_existing_user_notifies_them():
    from roles.invites import role_invite_create
    from roles.models import Role

    organizer, invitee = UserFactory(), UserFactory(email="invitee@example.org")
    event = EventFactory()
    invite = role_invite_create(
        actor=organizer,
        data={"email": "Invitee@Example.org", "role": Role.objects.get(name=Role.COORGANIZER)},
        event=event,
    )
    notification = Notification.objects.get(user=invitee)
    assert notification.kind == "role_invite"
    assert notification.target == invite


def test_notify_task_creates_the_notification_for_an_id(user):
    from notifications.tasks import notify as notify_task

    notify_task.delay(user.pk, "event_import", "Import finished", "<p>done</p>")
    notification = Notification.objects.get(user=user)
    assert (notification.kind, notification.title) == ("event_import", "Import finished")


def test_notify_task_skips_a_missing_user():
    from notifications.tasks import notify as notify_task

    assert notify_task.delay(999999, "message", "t", "m").get() is None
    assert Notification.objects.count() == 0
