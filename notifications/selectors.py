"""Reads of notifications that repeat: the unread count, the socket/bell payload."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from notifications.models import Mail, Notification

#: how many unread notifications a socket message and the bell dropdown carry (the count covers all)
PAYLOAD_LIMIT = 10


def notifications_for(user):
    return Notification.objects.filter(user=user)


def unread_count(user):
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, is_read=False).count()


def humanize_received(when, now=None):
    """ "3 minutes ago", "just now" — the seed's humanized receiving time."""
    now = now or timezone.now()
    if (now - when).total_seconds() < 60:
        return "just now"
    return f"{timesince(when, now, depth=1)} ago".replace("\xa0", " ")


def unread_payload(user_id, *, meta="New notifications", limit=PAYLOAD_LIMIT):
    """The seed's socket message: `{meta, notif_count, notifs}` — unread, newest first, each with title,
    message, humanized received time and its mark-read link."""
    unread = Notification.objects.filter(user_id=user_id, is_read=False)
    count = unread.count()
    now = timezone.now()
    notifs = [
        {
            "id": n.pk,
            "title": n.title,
            "message": n.message,
            "kind": n.kind,
            "received_at": n.received_at.isoformat(),
            "received": humanize_received(n.received_at, now),
            "mark_read": reverse("notification-mark-read", kwargs={"pk": n.pk}),
            "url": reverse("notification-detail", kwargs={"pk": n.pk}),
        }
        for n in unread.order_by("-received_at", "-id")[:limit]
    ]
    return {"meta": meta, "notif_count": count, "notifs": notifs}


#: the windows of the admins' mail statistics: attribute name → days back from now
MAIL_WINDOWS = {"one-day": 1, "three-days": 3, "seven-days": 7, "thirty-days": 30}


def mail_statistics(now=None):
    """How many mails the platform sent in the past day, 3, 7 and 30 days (the sent-mail log): one query."""
    now = now or timezone.now()
    return Mail.objects.aggregate(
        **{
            name.replace("-", "_"): Count("pk", filter=Q(time__gte=now - timedelta(days=days)))
            for name, days in MAIL_WINDOWS.items()
        }
    )
