"""Attendee tags: labels an event's organizer and co-organizers put on its attendees (the attendee list)."""

import re

from django.db import transaction

from eventyay.errors import DomainError
from tickets.models import Tag

COLOR = re.compile(r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{1,32})?$")


def _name(value):
    name = (value or "").strip()
    if not name:
        raise DomainError("A tag needs a name.", field="name")
    return name


def _color(value):
    color = (value or "").strip()
    if not COLOR.match(color):
        raise DomainError("A colour is a hex code (#0000FF) or a colour name.", field="color")
    return color


@transaction.atomic
def tag_create(*, actor, event, data):
    return Tag.objects.create(
        event=event,
        name=_name(data.get("name")),
        color=_color(data.get("color")),
        is_read_only=bool(data.get("is_read_only")),
    )


@transaction.atomic
def tag_update(*, actor, instance, data):
    """Name and colour change; a read-only tag keeps them (the client re-sends them unchanged on save)."""
    tag = Tag.objects.select_for_update().get(pk=instance.pk)
    changes = {}
    if "name" in data:
        changes["name"] = _name(data["name"])
    if "color" in data:
        changes["color"] = _color(data["color"])
    changes = {field: value for field, value in changes.items() if getattr(tag, field) != value}
    if changes and tag.is_read_only:
        raise DomainError("This tag is read-only.", field=next(iter(changes)))
    if "is_read_only" in data and bool(data["is_read_only"]) != tag.is_read_only:
        raise DomainError("A tag's read-only flag is set when it is created.", field="is_read_only")
    for field, value in changes.items():
        setattr(tag, field, value)
    if changes:
        tag.save()
    return tag


@transaction.atomic
def tag_delete(*, actor, instance, permanent=False):
    tag = Tag.objects.select_for_update().get(pk=instance.pk)
    if tag.is_read_only:
        raise DomainError("This tag is read-only.", field="is_read_only")
    if permanent:
        tag.delete()
        return
    tag.soft_delete()
