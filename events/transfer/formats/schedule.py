"""What the public schedule formats (iCal, xCal, Pentabarf) show: the event's published sessions — accepted or
confirmed, with a start and an end, not deleted — with their track, type, room and speakers, in the event's
time zone. Never a speaker's e-mail or anything else private: these files are meant to be shared."""

import html
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils.html import strip_tags

from events.models import Session

PUBLISHED = (Session.State.ACCEPTED, Session.State.CONFIRMED)
#: characters XML 1.0 cannot hold (control characters other than tab, newline and carriage return)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def published_sessions(event):
    return (
        Session.objects.filter(
            event=event,
            state__in=PUBLISHED,
            deleted_at__isnull=True,
            starts_at__isnull=False,
            ends_at__isnull=False,
        )
        .select_related("track", "session_type", "microlocation")
        .prefetch_related("speakers")
        .order_by("starts_at", "pk")
    )


def zone(event):
    try:
        return ZoneInfo(event.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def plain(value):
    """Text of stored (sanitized) HTML: no tags, entities decoded, blank lines collapsed."""
    text = html.unescape(strip_tags(str(value or "")))
    text = re.sub(r"\r\n?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def xml_safe(value):
    """A string an XML 1.0 document can hold."""
    return _NOT_XML.sub("", str(value or ""))


def speaker_names(session):
    return [s.name for s in sorted(session.speakers.all(), key=lambda s: (s.order, s.pk))]


def duration(session):
    """HH:MM of the session's length."""
    minutes = int((session.ends_at - session.starts_at).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def session_url(event, session):
    """The session's page on the Open Event front end."""
    return f"{settings.FRONTEND_URL}/e/{event.identifier}/session/{session.pk}"


def uid(event, session):
    return f"session-{session.pk}@{event.identifier}.eventyay"
