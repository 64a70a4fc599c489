"""The platform's permission rules, in one place. API views and dashboard views both ask here.

`has_access(actor, check, event=None, obj=None)` answers a named check; `can(actor, action, service, event)`
answers the Role × Service matrix. System-wide admins and super admins pass every check. Results are cached
on the actor object for the life of the request.
"""

PUBLIC = "public"
AUTHENTICATED = "authenticated"


class AnyOf(tuple):
    """A rule that passes when any of its alternatives passes."""


def _cache(actor):
    cache = getattr(actor, "_eventyay_permission_cache", None)
    if cache is None:
        cache = {}
        try:
            actor._eventyay_permission_cache = cache
        except AttributeError:  # AnonymousUser instances are fine too, but be safe
            pass
    return cache


def is_authenticated(actor):
    return bool(actor is not None and actor.is_authenticated and actor.is_active)


def is_admin(actor):
    return is_authenticated(actor) and (actor.is_admin or actor.is_super_admin)


def is_super_admin(actor):
    return is_authenticated(actor) and actor.is_super_admin


def _is_user_itself(actor, obj):
    if obj is None:
        return False
    owner_id = getattr(obj, "user_id", None)
    if owner_id is None and obj.__class__.__name__ == "User":
        owner_id = obj.pk
    return owner_id is not None and owner_id == actor.pk


def _is_buyer(actor, obj):
    """The buyer of an order, or of the order an attendee holds a ticket of, or the attendee themself."""
    if obj is None:
        return False
    if getattr(obj, "user_id", None) == actor.pk:
        return True
    order = getattr(obj, "order", None)
    return order is not None and getattr(order, "user_id", None) == actor.pk


# Event-role checks are cumulative: a check passes for every role listed against it.
ROLE_CHECKS = {
    "is_organizer": {"organizer"},
    "is_coorganizer": {"organizer", "coorganizer"},
    "is_track_organizer": {"organizer", "coorganizer", "track_organizer"},
    "is_moderator": {"organizer", "coorganizer", "track_organizer", "moderator"},
    "is_registrar": {"organizer", "coorganizer", "registrar"},
    "is_event_member": {"organizer", "coorganizer", "track_organizer", "moderator", "registrar", "attendee"},
    "is_event_team": {"organizer", "coorganizer", "track_organizer", "moderator", "registrar"},
}


def event_role_names(actor, event):
    """The names of the roles `actor` holds on `event` (cached per request)."""
    if event is None or not is_authenticated(actor):
        return frozenset()
    key = ("roles", event.pk)
    cache = _cache(actor)
    if key not in cache:
        from roles.models import UsersEventsRoles

        cache[key] = frozenset(
            UsersEventsRoles.objects.filter(user=actor, event_id=event.pk).values_list("role__name", flat=True)
        )
    return cache[key]


#: the annotation (`holds_roles`) an event may carry: whether the actor it was loaded for holds any role on it
HOLDS_ROLES = "actor_holds_roles"


def holds_roles(user_id):
    """An `Exists` (on an Event queryset): the user holds some role on the event."""
    from django.db.models import Exists, OuterRef

    from roles.models import UsersEventsRoles

    return Exists(UsersEventsRoles.objects.filter(event=OuterRef("pk"), user_id=user_id))


def note_roles_loaded(actor, event):
    """Remember for this request that `actor` holds no role on `event` when the event was loaded with the
    `HOLDS_ROLES` annotation for this actor and says so (holding some: they are read when first asked); a check
    on it then needs no query of its own (a buyer's checkout asks several)."""
    if event is not None and is_authenticated(actor) and getattr(event, HOLDS_ROLES, None) is False:
        _cache(actor).setdefault(("roles", event.pk), frozenset())


def _role_check(allowed):
    return lambda actor, event, obj: bool(event_role_names(actor, event) & allowed)


CHECKS = {
    **{name: _role_check(allowed) for name, allowed in ROLE_CHECKS.items()},
    "is_admin": lambda actor, event, obj: is_admin(actor),
    "is_super_admin": lambda actor, event, obj: is_super_admin(actor),
    "is_user_itself": lambda actor, event, obj: _is_user_itself(actor, obj),
    "is_buyer": lambda actor, event, obj: _is_buyer(actor, obj),
}
OBJECT_CHECKS = {"is_user_itself", "is_buyer"}


def has_access(actor, check, *, event=None, obj=None):
    if check == PUBLIC:
        return True
    if not is_authenticated(actor):
        return False
    if check == AUTHENTICATED:
        return True
    if check not in ("is_super_admin",) and is_admin(actor):
        return True
    if check == "is_super_admin":
        return is_super_admin(actor)
    key = ("has_access", check, getattr(event, "pk", None), _obj_key(obj))
    cache = _cache(actor)
    if key not in cache:
        try:
            fn = CHECKS[check]
        except KeyError:
            raise ValueError(f"Unknown permission check {check!r}")
        cache[key] = bool(fn(actor, event, obj))
    return cache[key]


def can(actor, action, service, event):
    """Role × Service matrix; filled in by the roles app (see `MATRIX_LOOKUP`)."""
    if not is_authenticated(actor):
        return False
    if is_admin(actor):
        return True
    if event is None:
        return False
    key = ("can", action, service, event.pk)
    cache = _cache(actor)
    if key not in cache:
        cache[key] = bool(MATRIX_LOOKUP(actor, action, service, event))
    return cache[key]


ACTIONS = ("create", "read", "update", "delete")


def event_grants(actor, event):
    """{service name: set of actions} the actor's roles on `event` grant (one query, cached per request)."""
    key = ("grants", event.pk)
    cache = _cache(actor)
    if key not in cache:
        from roles.models import Permission

        names = event_role_names(actor, event)
        grants = {}
        if names:
            rows = Permission.objects.filter(role__name__in=names).values_list(
                "service__name", "can_create", "can_read", "can_update", "can_delete"
            )
            for service, *flags in rows:
                granted = grants.setdefault(service, set())
                granted.update(action for action, flag in zip(ACTIONS, flags, strict=True) if flag)
        cache[key] = grants
    return cache[key]


def _matrix_lookup(actor, action, service, event):
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    return action in event_grants(actor, event).get(service, ())


MATRIX_LOOKUP = _matrix_lookup


def needs_object(rule):
    if isinstance(rule, AnyOf):
        return any(needs_object(r) for r in rule)
    return isinstance(rule, str) and rule in OBJECT_CHECKS


def needs_event(rule):
    """Whether the rule can only pass (for non-admins) once the event is known."""
    if isinstance(rule, AnyOf):
        return any(needs_event(r) for r in rule)
    if isinstance(rule, tuple):
        return True
    return rule in ROLE_CHECKS


def check(actor, rule, *, event=None, obj=None):
    """Evaluate a declared rule (see eventyay.api.permissions)."""
    if isinstance(rule, AnyOf):
        return any(check(actor, r, event=event, obj=obj) for r in rule)
    if isinstance(rule, tuple):
        action, service = rule
        return can(actor, action, service, event)
    return has_access(actor, rule, event=event, obj=obj)


def _obj_key(obj):
    if obj is None:
        return None
    return (obj.__class__.__name__, getattr(obj, "pk", id(obj)))


def forget(actor):
    """Drop the actor's cached answers (after their roles changed within the same request)."""
    if actor is not None and hasattr(actor, "_eventyay_permission_cache"):
        actor._eventyay_permission_cache = {}
