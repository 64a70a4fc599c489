"""Every write to events, event topics, sub-topics and types goes through here.

Views (API and dashboard) check *who* may call these; the services enforce the rules of the data:
dates in order and in range (`eventyay.limits`), coordinates in range, a valid timezone, sanitized HTML,
admin-only flags, and what a published event needs.
"""

import zoneinfo

from django.db import transaction
from django.utils.text import slugify

from events.models import Event, EventSubTopic, EventTopic, EventType, Group
from eventyay import limits
from eventyay.errors import ConflictError, DomainError, NotFoundError
from eventyay.sanitize import clean_html
from roles import permissions as rules
from roles.models import Role, UsersEventsRoles

HTML_FIELDS = ("description", "owner_description", "code_of_conduct", "after_order_message", "refund_policy")
#: flags only a platform admin sets (promotion on the landing page)
ADMIN_ONLY_FIELDS = ("is_featured", "is_promoted", "is_demoted")
#: never written through these services' `data` (managed here or derived)
PROTECTED_FIELDS = ("id", "identifier", "owner", "owner_id", "created_at", "modified_at")


def _clean(data):
    data = {k: v for k, v in data.items() if k not in PROTECTED_FIELDS}
    limits.check_values(Event, data)
    for field in HTML_FIELDS:
        if data.get(field):
            data[field] = clean_html(data[field])
    if "timezone" in data:
        _check_timezone(data["timezone"])
    return data


def _check_timezone(name):
    if not name or name not in zoneinfo.available_timezones():
        raise DomainError(f"'{name}' is not a known timezone.", field="timezone")


def _check_admin_fields(actor, data, instance=None):
    """Admin-only flags may be sent by anyone (the client sends every attribute) but changed only by admins:
    on a new event, away from their default."""
    if rules.is_admin(actor):
        return
    for field in ADMIN_ONLY_FIELDS:
        current = getattr(instance, field) if instance is not None else Event._meta.get_field(field).get_default()
        if field in data and current != data[field]:
            raise DomainError("Only an admin may change this.", field=field, status=403, code="forbidden")


def _check_dates(starts_at, ends_at):
    if starts_at is None:
        raise DomainError("An event needs a start.", field="starts_at")
    if ends_at is None:
        raise DomainError("An event needs an end.", field="ends_at")
    if ends_at < starts_at:
        raise DomainError("The event cannot end before it starts.", field="ends_at")


def _check_group(actor, data):
    """An event joins a group only by the group's owner (or an admin)."""
    group = data.get("group")
    if group is not None and not rules.is_admin(actor) and group.user_id != getattr(actor, "pk", None):
        raise DomainError("Only the group's owner may add events to it.", field="group", status=403, code="forbidden")


def _check_topics(event):
    if event.event_sub_topic_id and event.event_sub_topic.event_topic_id != event.event_topic_id:
        raise DomainError("The sub-topic does not belong to the event's topic.", field="event_sub_topic")


def publish_problems(event):
    """What keeps `event` from being published: a list of (field, message); empty when it can be."""
    from tickets.models import Ticket

    problems = []
    if not (event.name or "").strip():
        problems.append(("name", "A published event needs a name."))
    if event.starts_at is None or event.ends_at is None:
        problems.append(("starts_at", "A published event needs a start and an end."))
    if event.pk is None or not Ticket.objects.filter(event_id=event.pk, deleted_at__isnull=True).exists():
        problems.append(("state", "A published event needs at least one ticket."))
    return problems


def _check_publishable(event):
    problems = publish_problems(event)
    if problems:
        field, message = problems[0]
        raise DomainError(message, field=field)


@transaction.atomic
def event_create(*, actor, data):
    """Any signed-in user creates an event; they become its owner and organizer in the same transaction.
    It may be created published, as the Open Event client's wizard does: it posts the event and then its
    tickets (which need the event's id), so the at-least-one-ticket rule applies when a draft is published
    later (`event_update`, `event_publish`), not here; the other publishing rules do."""
    if not rules.is_authenticated(actor):
        raise DomainError("Sign in to create an event.", status=401, code="not_authenticated")
    data = _clean(dict(data))
    data.pop("deleted_at", None)
    _check_admin_fields(actor, data)
    _check_group(actor, data)
    wanted_state = data.pop("state", Event.State.DRAFT)
    event = Event(**data)
    event.owner = actor
    event.state = Event.State.DRAFT
    _check_dates(event.starts_at, event.ends_at)
    _check_topics(event)
    event.save()
    UsersEventsRoles.objects.create(user=actor, event=event, role=Role.objects.get(name=Role.ORGANIZER))
    rules.forget(actor)
    if wanted_state == Event.State.PUBLISHED:
        problems = [problem for problem in publish_problems(event) if problem[0] != "state"]
        if problems:
            raise DomainError(problems[0][1], field=problems[0][0])
        event.state = Event.State.PUBLISHED
        event.save(update_fields=["state", "modified_at"])
    return event


@transaction.atomic
def event_update(*, actor, instance, data):
    data = _clean(dict(data))
    _check_admin_fields(actor, data, instance)
    if "group" in data and data["group"] != instance.group:
        _check_group(actor, data)
    restoring = "deleted_at" in data and data["deleted_at"] is None and instance.deleted_at is not None
    if instance.deleted_at is not None and not restoring:
        raise NotFoundError("No such event.")
    if "deleted_at" in data:
        deleted_at = data.pop("deleted_at")
        if restoring:
            event_restore(actor=actor, instance=instance)
        elif deleted_at is not None and instance.deleted_at is None:
            if not rules.can(actor, "delete", "event", instance):
                raise DomainError("You may not delete this event.", field="deleted_at", status=403, code="forbidden")
            return event_delete(actor=actor, instance=instance)
    new_state = data.pop("state", instance.state)
    for field, value in data.items():
        setattr(instance, field, value)
    _check_dates(instance.starts_at, instance.ends_at)
    _check_topics(instance)
    if new_state == Event.State.PUBLISHED and instance.state != Event.State.PUBLISHED:
        _check_publishable(instance)
    elif new_state == Event.State.PUBLISHED:
        problems = [p for p in publish_problems(instance) if p[0] != "state"]
        if problems:
            raise DomainError(problems[0][1], field=problems[0][0])
    instance.state = new_state
    instance.save()
    return instance


@transaction.atomic
def event_publish(*, actor, instance):
    _check_publishable(instance)
    instance.state = Event.State.PUBLISHED
    instance.save(update_fields=["state", "modified_at"])
    return instance


@transaction.atomic
def event_unpublish(*, actor, instance):
    instance.state = Event.State.DRAFT
    instance.save(update_fields=["state", "modified_at"])
    return instance


@transaction.atomic
def event_delete(*, actor, instance, permanent=False):
    """Soft delete; a super admin may delete for good with `permanent=True`."""
    if permanent:
        if not rules.is_super_admin(actor):
            raise DomainError("Only a super admin may delete an event permanently.", status=403, code="forbidden")
        instance.delete()
        return None
    if instance.deleted_at is None:
        instance.soft_delete()
    return instance


@transaction.atomic
def event_restore(*, actor, instance):
    """Bring a soft-deleted event back (admins only)."""
    if not rules.is_admin(actor):
        raise DomainError(
            "Only an admin may restore a deleted event.", field="deleted_at", status=403, code="forbidden"
        )
    instance.deleted_at = None
    instance.save(update_fields=["deleted_at", "modified_at"])
    return instance


# --- topics, sub-topics, types (admin-managed vocabularies) ------------------------------------------------


def _simple_create(model):
    @transaction.atomic
    def create(*, actor, data, **kwargs):
        data = dict(data)
        data.update(kwargs)
        if not data.get("slug"):
            data["slug"] = slugify(data.get("name", ""))
        if model.objects.filter(name=data.get("name"), **_scope(model, data)).exists():
            raise ConflictError("This name is already taken.", field="name")
        return model.objects.create(**data)

    return create


def _scope(model, data):
    return {"event_topic": data.get("event_topic")} if model is EventSubTopic else {}


@transaction.atomic
def vocabulary_update(*, actor, instance, data):
    if "name" in data:
        scope = _scope(type(instance), {"event_topic": data.get("event_topic", getattr(instance, "event_topic", None))})
        if type(instance).objects.filter(name=data["name"], **scope).exclude(pk=instance.pk).exists():
            raise ConflictError("This name is already taken.", field="name")
    for field, value in data.items():
        setattr(instance, field, value)
    instance.save()
    return instance


@transaction.atomic
def vocabulary_delete(*, actor, instance):
    instance.delete()


event_topic_create = _simple_create(EventTopic)
event_sub_topic_create = _simple_create(EventSubTopic)
event_type_create = _simple_create(EventType)


# --- groups ----------------------------------------------------------------------------------------------------
GROUP_FIELDS = ("name", "about", "logo_url", "banner_url", "thumbnail_image_url", "is_promoted", "social_links")


def _group_data(actor, data, instance=None):
    data = {k: v for k, v in data.items() if k in GROUP_FIELDS}
    if "about" in data:
        data["about"] = clean_html(data["about"] or "")
    if "is_promoted" in data and not rules.is_admin(actor):
        if instance is None or instance.is_promoted != data["is_promoted"]:
            raise DomainError("Only an admin may promote a group.", field="is_promoted", status=403, code="forbidden")
    if "name" in data and not (data["name"] or "").strip():
        raise DomainError("A group needs a name.", field="name")
    return data


@transaction.atomic
def group_create(*, actor, data):
    """A signed-in user creates a group and owns it."""
    return Group.objects.create(user=actor, **_group_data(actor, data))


@transaction.atomic
def group_update(*, actor, instance, data):
    for field, value in _group_data(actor, data, instance).items():
        setattr(instance, field, value)
    instance.save()
    return instance


@transaction.atomic
def group_delete(*, actor, instance, permanent=False):
    if permanent and rules.is_super_admin(actor):
        instance.delete()
        return None
    instance.soft_delete()
    return instance
