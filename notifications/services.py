"""Every write to notifications goes through here; every feature that wants to tell a user something calls
`notify(...)`. The socket push and e-mails happen after the surrounding transaction commits, through
`notifications.dispatch` (an outbox: Redis being away delays them, never fails the caller).

Notifications never carry markup from users: `title` and `message` are text, escaped here, unless the caller
built them with `format_html(...)` (which escapes each user-supplied value it is given) or `mark_safe` for a
fixed string. Titles then lose every tag; messages keep only simple formatting and links, never images
(`eventyay.sanitize.clean_notification_*`). Both are HTML-safe strings in the API and the socket payload.
"""

import logging
import time

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

from eventyay.errors import DomainError
from eventyay.sanitize import clean_notification_html, clean_notification_title
from notifications.dispatch import dispatch_push, dispatch_task
from notifications.models import Notification

logger = logging.getLogger(__name__)


def user_group(user_id):
    """The Channels group every socket of one user joins."""
    return f"user_{user_id}"


def end_session_sockets(user_id, session_key):
    """Close the sockets a user opened with `session_key` (on sign-out), on any process."""
    layer = get_channel_layer()
    if layer is None or not session_key:
        return
    try:
        async_to_sync(layer.group_send)(user_group(user_id), {"type": "session.ended", "session_key": session_key})
    except Exception:  # noqa: BLE001 — sign-out must succeed even when the channel layer is away
        logger.warning("Could not close the sockets of user %s", user_id, exc_info=True)


def end_token_session_sockets(user_id, sid):
    """Close the sockets a user opened with a token of the API sign-in session `sid` (on logout), on any
    process."""
    layer = get_channel_layer()
    if layer is None or not sid:
        return
    try:
        async_to_sync(layer.group_send)(user_group(user_id), {"type": "session.ended", "sid": sid})
    except Exception:  # noqa: BLE001 — logout must succeed even when the channel layer is away
        logger.warning("Could not close the sockets of user %s", user_id, exc_info=True)


def end_revoked_sockets(user_id, version):
    """`roles.models.CREDENTIALS_REVOKED_HOOKS` entry: the user's credentials changed (password, block,
    deactivation; `version` None: deleted), so every socket opened before, on any process, closes (4401)."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(user_group(user_id), {"type": "credentials.revoked", "version": version})
    except Exception:  # noqa: BLE001 — the change is committed; sockets re-check credentials on every push
        logger.warning("Could not close the sockets of user %s", user_id, exc_info=True)


def push_unread(user_id, *, meta="New notifications"):
    """Send the user's unread state to every socket the user holds, on any process (channel layer). Raises
    when the channel layer is away: `notifications.dispatch.dispatch_push` then keeps it for later."""
    from notifications.selectors import unread_payload

    layer = get_channel_layer()
    if layer is None:
        return
    payload = unread_payload(user_id, meta=meta)
    async_to_sync(layer.group_send)(user_group(user_id), _message(user_id, payload))


def _message(user_id, payload):
    """The channel-layer message carrying `payload`, with the user's credentials version: a socket opened
    under older credentials closes instead of receiving it."""
    from roles.models import User

    version = User.objects.filter(pk=user_id).values_list("credentials_version", flat=True).first()
    return {"type": "notifications.push", "payload": payload, "credentials_version": version}


#: after a failed best-effort push, further ones are skipped until this monotonic time (a task reporting its
#: progress must not wait on a channel layer that is away once per step)
_LAYER_AWAY_UNTIL = 0.0
LAYER_AWAY_SECONDS = 10.0


def push_to_user(user_id, payload):
    """Send `payload` (a JSON-able dict) as one message to every socket of the user, on any process. Best
    effort, never raises: a lost message is logged, and for `LAYER_AWAY_SECONDS` after a failure the next ones
    are dropped at once (used for progress bars, which fall back to polling `/v1/tasks/<id>`)."""
    global _LAYER_AWAY_UNTIL
    layer = get_channel_layer()
    if layer is None or time.monotonic() < _LAYER_AWAY_UNTIL:
        return False
    try:
        async_to_sync(layer.group_send)(user_group(user_id), _message(user_id, payload))
    except Exception:  # noqa: BLE001 — a lost message must not break the caller
        _LAYER_AWAY_UNTIL = time.monotonic() + LAYER_AWAY_SECONDS
        logger.exception("could not push to the sockets of user %s", user_id)
        return False
    return True


def _push_on_commit(user_id, meta):
    dispatch_push(user_id, meta)


@transaction.atomic
def notify(*, user, kind, title, message, target=None):
    """Create a notification for `user` and push it to the user's sockets once the transaction commits.
    `title` and `message` are text unless built with `format_html`/`mark_safe` (see the module docstring)."""
    title = clean_notification_title(title).strip()
    if not title:
        raise DomainError("A notification needs a title.", field="title")
    notification = Notification(
        user=user,
        kind=(kind or Notification.Kind.MESSAGE)[:64],
        title=title[:255],
        message=clean_notification_html(message),
        received_at=timezone.now(),
    )
    if target is not None:
        notification.target_content_type = ContentType.objects.get_for_model(target)
        notification.target_object_id = str(target.pk)
    notification.save()
    _push_on_commit(user.pk, "New notifications")
    return notification


@transaction.atomic
def notification_update(*, actor, instance, data):
    """Only `is_read` changes; the API rejects other attributes before this point."""
    unknown = set(data) - {"is_read"}
    if unknown:
        field = sorted(unknown)[0]
        raise DomainError("Only is-read can be changed on a notification.", field=field)
    if "is_read" in data and data["is_read"] != instance.is_read:
        instance.is_read = bool(data["is_read"])
        instance.save(update_fields=["is_read", "modified_at"])
        _push_on_commit(instance.user_id, "Notifications read")
    return instance


@transaction.atomic
def notification_delete(*, actor, instance):
    """The owner removes one of their notifications (others never reach it: out of scope, 404)."""
    was_unread = not instance.is_read
    instance.delete()
    if was_unread:
        _push_on_commit(instance.user_id, "Notifications read")


@transaction.atomic
def notification_mark_read(*, actor, instance):
    return notification_update(actor=actor, instance=instance, data={"is_read": True})


@transaction.atomic
def notifications_mark_all_read(*, actor, user):
    """Mark every unread notification of `user` read; returns how many changed."""
    changed = Notification.objects.filter(user=user, is_read=False).update(is_read=True, modified_at=timezone.now())
    if changed:
        _push_on_commit(user.pk, "Notifications read")
    return changed


def send_email(*, to, subject, body, html_body=None, action=""):
    """Queue an e-mail through Django's mail framework, sent by a Celery task after the transaction commits
    (through the outbox: a broker outage delays it, never loses it or fails the caller). `to` is one address
    or a list of addresses. `action` names the kind of mail: one an admin switched off (message settings) is
    not sent. Every queued mail goes into the sent-mail log (`notifications.audit`)."""
    from notifications.audit import log_mails, mail_enabled

    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [r for r in recipients if r]
    if not recipients or not mail_enabled(action):
        return
    dispatch_task("notifications.send_email", [recipients, str(subject), str(body), html_body])
    log_mails(recipients, subject, body, action)


def welcome_new_user(user_id):
    """Registration hook (seed 000, "Database Listener for User Centric Events"): welcome notification and
    welcome e-mail for a new account."""
    from roles.models import User

    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    with transaction.atomic():
        notify(
            user=user,
            kind=Notification.Kind.WELCOME,
            title="Welcome to eventyay",
            message=mark_safe("<p>Your account is ready. Create your first event or browse upcoming ones.</p>"),
            target=user,
        )
        send_email(
            action="user_register",
            to=user.email,
            subject="Welcome to eventyay",
            body=(
                f"Hello {user.first_name or user.email},\n\n"
                "your eventyay account is ready. Sign in to create your first event.\n"
            ),
        )
