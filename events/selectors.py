"""Which events a person may see."""

from django.db.models import Exists, OuterRef, Q

from events.models import Event
from roles import permissions as rules
from roles.models import UsersEventsRoles

TEAM_ROLES = rules.ROLE_CHECKS["is_event_team"]


def team_membership(user):
    """An `Exists` over the event's team for `user` (use on an Event queryset)."""
    return Exists(UsersEventsRoles.objects.filter(event=OuterRef("pk"), user=user, role__name__in=TEAM_ROLES))


def visible_events(user, *, trashed=False, queryset=None):
    """Published events for everyone, drafts for their team, everything for admins. Soft-deleted events only
    with `trashed=True`, and then only those the user is team of (admins: all)."""
    qs = queryset if queryset is not None else Event.objects.all()
    if rules.is_admin(user):
        return qs if trashed else qs.filter(deleted_at__isnull=True)
    if not rules.is_authenticated(user):
        return qs.filter(state=Event.State.PUBLISHED, deleted_at__isnull=True)
    qs = qs.alias(is_team=team_membership(user))
    qs = qs.filter(Q(state=Event.State.PUBLISHED) | Q(is_team=True))
    if trashed:
        return qs.filter(Q(deleted_at__isnull=True) | Q(is_team=True))
    return qs.filter(deleted_at__isnull=True)


def find_event(queryset, value):
    """The event in `queryset` named by `value`: its numeric id, else its identifier (identifiers are hex and
    may be all digits), else None."""
    value = str(value)
    event = None
    if value.isdigit():
        event = queryset.filter(pk=int(value)).first()
    if event is None:
        event = queryset.filter(identifier=value).first()
    return event



def scheduled_sessions(user, event):
    """The accepted or confirmed sessions of `event` that `user` may read (the public schedule's rows)."""
    from events.api.content_views import SCHEDULE, content_readable_q
    from events.models import Session

    sessions = Session.objects.filter(event=event, state__in=["accepted", "confirmed"])
    if not rules.is_admin(user):
        sessions = sessions.filter(content_readable_q(user, SCHEDULE, "session"))
    return sessions


def session_dates(user, event):
    """The days (in the event's time zone, ISO dates, ascending) on which the scheduled sessions of `event`
    start: the Open Event Server's `/v1/events/<id>/sessions/dates`."""
    import zoneinfo

    from django.db.models.functions import TruncDate

    try:
        zone = zoneinfo.ZoneInfo(event.timezone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    days = scheduled_sessions(user, event).filter(starts_at__isnull=False)
    days = days.annotate(day=TruncDate("starts_at", tzinfo=zone)).values_list("day", flat=True)
    return [day.isoformat() for day in days.distinct().order_by("day")]


def session_languages(user, event):
    """The languages of the scheduled sessions of `event`, ascending: `/v1/events/<id>/sessions/languages`."""
    languages = scheduled_sessions(user, event).exclude(language="").values_list("language", flat=True)
    return list(languages.distinct().order_by("language"))
