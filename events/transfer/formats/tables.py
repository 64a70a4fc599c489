"""The sessions and speakers tables of an event (for the team: every state, with private columns such as a
speaker's e-mail). `options["status"]`: "all" (the default) or a session state to keep."""

from django.db.models import Prefetch

from events.models import Session, Speaker
from events.transfer.formats.schedule import plain, zone
from events.transfer.formats.tabular import Column, Table, custom_columns

STATUSES = ("all", *Session.State.values)


def _status(options):
    status = str(options.get("status") or "all").lower()
    return status if status in STATUSES else "all"


def _sessions(event, status):
    sessions = Session.objects.filter(event=event, deleted_at__isnull=True)
    if status != "all":
        sessions = sessions.filter(state=status)
    return sessions


def _slides(session):
    slides = session.slides if isinstance(session.slides, list) else []
    return " ".join(str(s.get("link") or s.get("url") or "") if isinstance(s, dict) else str(s) for s in slides)


def sessions_table(event, options):
    status = _status(options)
    rows = list(
        _sessions(event, status)
        .select_related("track", "session_type", "microlocation")
        .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.order_by("order", "pk")))
        .order_by("starts_at", "pk")
    )
    columns = [
        Column("Session Title", lambda s: s.title),
        Column("Session Speakers", lambda s: ", ".join(sp.name for sp in s.speakers.all())),
        Column("Session Track", lambda s: s.track.name if s.track_id else ""),
        Column("Session Abstract Short", lambda s: plain(s.short_abstract), pdf=False),
        Column("Session Abstract Long", lambda s: plain(s.long_abstract), pdf=False),
        Column("Comment", lambda s: s.comments, pdf=False),
        Column("Created At", lambda s: s.created_at, pdf=False),
        Column("Email Sent", lambda s: s.is_mail_sent, pdf=False),
        Column("Level", lambda s: s.level, pdf=False),
        Column("Status", lambda s: s.state),
        Column("Session Type", lambda s: s.session_type.name if s.session_type_id else ""),
        Column("Language", lambda s: s.language, pdf=False),
        Column("Room", lambda s: s.microlocation.name if s.microlocation_id else ""),
        Column("Starts At", lambda s: s.starts_at),
        Column("Ends At", lambda s: s.ends_at),
        Column("Slides", _slides, pdf=False),
        Column("Audio", lambda s: s.audio_url, pdf=False),
        Column("Video", lambda s: s.video_url, pdf=False),
        Column("Average Rating", lambda s: s.average_rating, pdf=False),
    ]
    columns += custom_columns(rows, columns)
    return Table(f"Sessions of {event.name}", columns, rows, notes=[f"Status: {status}"], tz=zone(event))


def speakers_table(event, options):
    status = _status(options)
    sessions = _sessions(event, status).order_by("starts_at", "pk")
    speakers = Speaker.objects.filter(event=event)
    if status != "all":
        speakers = speakers.filter(sessions__in=sessions).distinct()
    rows = list(
        speakers.prefetch_related(Prefetch("sessions", queryset=sessions, to_attr="listed_sessions")).order_by(
            "order", "name", "pk"
        )
    )
    columns = [
        Column("Speaker Name", lambda s: s.name),
        Column("Speaker Email", lambda s: s.email),
        Column("Speaker Sessions", lambda s: "; ".join(f"{x.title} ({x.state})" for x in s.listed_sessions)),
        Column("Speaker Mobile", lambda s: s.mobile, pdf=False),
        Column("Speaker Bio", lambda s: plain(s.short_biography), pdf=False),
        Column("Speaker Organisation", lambda s: s.organisation),
        Column("Speaker Position", lambda s: s.position),
        Column("Speaker Experience", lambda s: plain(s.speaking_experience), pdf=False),
        Column("Speaker City", lambda s: s.city, pdf=False),
        Column("Speaker Country", lambda s: s.country),
        Column("Speaker Website", lambda s: s.website, pdf=False),
        Column("Speaker Twitter", lambda s: s.twitter, pdf=False),
        Column("Speaker Facebook", lambda s: s.facebook, pdf=False),
        Column("Speaker Github", lambda s: s.github, pdf=False),
        Column("Speaker LinkedIn", lambda s: s.linkedin, pdf=False),
    ]
    columns += custom_columns(rows, columns)
    return Table(
        f"Speakers of {event.name}", columns, rows, notes=[f"Status of their sessions: {status}"], tz=zone(event)
    )
