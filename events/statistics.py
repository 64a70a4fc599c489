"""Selectors for the event's general statistics and the platform statistics admins see. Each answer is a
fixed number of aggregate queries (conditional counts, GROUP BY), whatever the number of rows counted."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from events.models import Event, EventTopic, EventType, Session

S = Session.State
#: `sessions-submitted` counts every proposal that left the draft state (the Open Event Server's "submitted")
SESSION_COUNTS = {
    "draft": Q(state=S.DRAFT),
    "submitted": ~Q(state=S.DRAFT),
    "pending": Q(state=S.PENDING),
    "accepted": Q(state=S.ACCEPTED),
    "confirmed": Q(state=S.CONFIRMED),
    "rejected": Q(state=S.REJECTED),
}


def _session_counts(queryset):
    return queryset.aggregate(**{name: Count("pk", filter=q) for name, q in SESSION_COUNTS.items()})


def event_general_statistics(event):
    """Speakers, sponsors and sessions (per state) of one event: three aggregate queries."""
    sessions = event.sessions.filter(deleted_at__isnull=True)
    counts = {"sessions": sessions.count()}
    counts.update({f"sessions_{name}": n for name, n in _session_counts(sessions).items()})
    counts["speakers"] = event.speakers.count()
    counts["sponsors"] = event.sponsors.count()
    return counts


def admin_event_statistics(now=None):
    """Events that are over (`past`), and upcoming or running ones per state: one query."""
    now = now or timezone.now()
    running = Q(ends_at__gte=now)
    return Event.objects.filter(deleted_at__isnull=True).aggregate(
        draft=Count("pk", filter=running & Q(state=Event.State.DRAFT)),
        published=Count("pk", filter=running & Q(state=Event.State.PUBLISHED)),
        past=Count("pk", filter=Q(ends_at__lt=now)),
    )


def admin_group_statistics():
    """Groups, the events in a group, and followers (no one follows a group yet: following is not served)."""
    from events.models import Group

    groups = Group.objects.filter(deleted_at__isnull=True).aggregate(
        groups=Count("pk", distinct=True),
        group_events=Count("events", filter=Q(events__deleted_at__isnull=True), distinct=True),
    )
    return {**groups, "followers": 0}


def admin_session_statistics():
    return _session_counts(Session.objects.filter(deleted_at__isnull=True))


def admin_user_statistics():
    """Users per system flag, per event role held anywhere and owners of a live event (`owner`, which the
    client's admin overview shows as "No. of Owners"): one query."""
    from roles.models import Role, User, UsersEventsRoles

    def holds(role):
        return Exists(UsersEventsRoles.objects.filter(user=OuterRef("pk"), role__name=role))

    return (
        User.objects.filter(deleted_at__isnull=True)
        .annotate(
            **{
                f"has_{role}": holds(role)
                for role in (Role.ORGANIZER, Role.COORGANIZER, Role.TRACK_ORGANIZER, Role.ATTENDEE)
            },
            owns=Exists(Event.objects.filter(owner=OuterRef("pk"), deleted_at__isnull=True)),
        )
        .aggregate(
            super_admin=Count("pk", filter=Q(is_super_admin=True)),
            admin=Count("pk", filter=Q(is_admin=True)),
            verified=Count("pk", filter=Q(is_verified=True)),
            unverified=Count("pk", filter=Q(is_verified=False)),
            owner=Count("pk", filter=Q(owns=True)),
            organizer=Count("pk", filter=Q(has_organizer=True)),
            coorganizer=Count("pk", filter=Q(has_coorganizer=True)),
            track_organizer=Count("pk", filter=Q(has_track_organizer=True)),
            attendee=Count("pk", filter=Q(has_attendee=True)),
        )
    )


def _vocabulary_counts(model):
    return list(
        model.objects.annotate(count=Count("events", filter=Q(events__deleted_at__isnull=True)))
        .order_by("name", "pk")
        .values("pk", "name", "count")
    )


def admin_event_type_statistics():
    """Every event type with the number of (live) events of that type: one query."""
    return _vocabulary_counts(EventType)


def admin_event_topic_statistics():
    return _vocabulary_counts(EventTopic)
