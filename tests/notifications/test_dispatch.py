"""Dispatch after commit (`notifications.dispatch`): what could not reach Redis waits in the outbox and the
dispatcher delivers it later; nothing is raised into the committed request (issue 10, item 14). The live
outage (a real Redis killed and restarted under a real server and worker) is tests/security/test_faults_redis.py."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core import mail

from notifications.dispatch import drain
from notifications.models import OutboxMessage
from notifications.services import notify, user_group
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": ["redis://127.0.0.1:9/0"]}}
}
IN_MEMORY = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def test_a_push_the_channel_layer_refuses_waits_in_the_outbox_until_drained(
    settings, django_capture_on_commit_callbacks
):
    user = UserFactory()
    settings.CHANNEL_LAYERS = UNREACHABLE_REDIS
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=user, kind="message", title="While Redis sleeps", message="")
    [waiting] = OutboxMessage.objects.all()
    assert (waiting.kind, waiting.args, waiting.name, waiting.attempts) == ("push", [user.pk], "New notifications", 1)

    settings.CHANNEL_LAYERS = IN_MEMORY  # Redis is back
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(user_group(user.pk), channel)
    assert drain() == 1
    pushed = async_to_sync(layer.receive)(channel)
    assert (pushed["type"], pushed["payload"]["notif_count"]) == ("notifications.push", 1)
    assert OutboxMessage.objects.count() == 0


def test_drain_sends_a_waiting_task_once():
    OutboxMessage.objects.create(
        kind="task", name="notifications.send_email", args=[["late@example.org"], "Late", "Body", None]
    )
    assert drain() == 1
    assert [m.to for m in mail.outbox] == [["late@example.org"]]
    assert drain() == 0
    assert OutboxMessage.objects.count() == 0


def test_a_row_that_keeps_failing_is_counted_then_given_up(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    row = OutboxMessage.objects.create(kind="task", name="notifications.no_such_task", args=[])
    assert (drain(), drain(), drain()) == (0, 0, 0)
    row.refresh_from_db()
    assert row.attempts == 2
    assert "no_such_task" in row.last_error


def test_with_eager_celery_a_task_runs_after_commit_without_an_outbox_row(django_capture_on_commit_callbacks):
    from notifications.services import send_email

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_email(to="now@example.org", subject="Now", body="Body")
    assert (mail.outbox, OutboxMessage.objects.count()) == ([], 0)
    for callback in callbacks:
        callback()
    assert [m.subject for m in mail.outbox] == ["Now"]


def test_with_eager_celery_a_task_that_fails_after_commit_is_logged_not_raised(
    caplog, django_capture_on_commit_callbacks
):
    """The embedded mode runs tasks in the request after commit: a failing run (here, a task nobody registered)
    must not turn the committed write into a 500."""
    from notifications.dispatch import dispatch_task

    with caplog.at_level("ERROR", logger="notifications.dispatch"):
        with django_capture_on_commit_callbacks(execute=True):
            user = UserFactory(email="kept@example.org")
            dispatch_task("notifications.no_such_task", [user.pk])
    assert user.__class__.objects.filter(email="kept@example.org").exists()
    assert "notifications.no_such_task failed after its transaction committed" in caplog.text
