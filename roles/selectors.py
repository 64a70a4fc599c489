"""Read helpers for roles: what a user holds, on which events."""

from roles.models import Role, UsersEventsRoles

#: for a user holding several roles on one event, the one shown (most powerful first)
ROLE_RANK = [
    Role.ORGANIZER,
    Role.COORGANIZER,
    Role.TRACK_ORGANIZER,
    Role.MODERATOR,
    Role.REGISTRAR,
    Role.ATTENDEE,
]


def events_for_user(user, *, include_attendee=False, include_deleted=False):
    """[(role name, event)] for every event `user` holds a team role on (one query), one entry per event
    with its most powerful role, ordered by the event's start (newest first)."""
    if user is None or not user.is_authenticated:
        return []
    qs = UsersEventsRoles.objects.filter(user=user).select_related(
        "role", "event", "event__event_topic", "event__event_type", "event__owner"
    )
    if not include_attendee:
        qs = qs.exclude(role__name=Role.ATTENDEE)
    if not include_deleted:
        qs = qs.filter(event__deleted_at__isnull=True)
    best = {}
    for link in qs:
        rank = ROLE_RANK.index(link.role.name) if link.role.name in ROLE_RANK else len(ROLE_RANK)
        current = best.get(link.event_id)
        if current is None or rank < current[0]:
            best[link.event_id] = (rank, link.role.name, link.event)
    rows = sorted(best.values(), key=lambda r: (r[2].starts_at, r[2].pk), reverse=True)
    return [(name, event) for _, name, event in rows]


def role_holders(event, role_name):
    """Users holding `role_name` on `event`."""
    from roles.models import User

    return User.objects.filter(event_roles__event=event, event_roles__role__name=role_name).distinct()


def organizer_count(event):
    return UsersEventsRoles.objects.filter(event=event, role__name=Role.ORGANIZER).count()


def event_ids_granting(actor, service, action="read"):
    """Ids of the events on which the actor's roles grant `action` on `service` (Role × Service matrix)."""
    if actor is None or not actor.is_authenticated:
        return UsersEventsRoles.objects.none().values("event_id")
    return UsersEventsRoles.objects.filter(
        user=actor, role__permissions__service__name=service, **{f"role__permissions__can_{action}": True}
    ).values("event_id")


def event_ids_with_role(actor, check):
    """Ids of the events on which the actor holds a role that passes `check` (a name in ROLE_CHECKS)."""
    from roles.permissions import ROLE_CHECKS

    if actor is None or not actor.is_authenticated:
        return UsersEventsRoles.objects.none().values("event_id")
    return UsersEventsRoles.objects.filter(user=actor, role__name__in=ROLE_CHECKS[check]).values("event_id")
