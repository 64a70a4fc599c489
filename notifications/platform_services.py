"""Writes of e-mail notification preferences (a user's own; admins anyone's) and of message settings (admins)."""

from django.db import transaction

from eventyay.errors import DomainError
from eventyay.sanitize import clean_html
from notifications.audit import record_activity
from roles import permissions as rules

PREFERENCE_FIELDS = ("next_event", "new_paper", "session_accept_reject", "session_schedule", "after_ticket_purchase")


def _event(actor, data, current=None):
    """The event a preference is about: the relationship or `event-id` (None: every event). Only an event the
    actor may see: published, or one they have a role on (admins: any)."""
    from events.models import Event

    if "event" in data:
        event = data["event"]
    elif "event_id" in data:
        event_id = data["event_id"]
        if event_id is None:
            return None
        event = Event.objects.filter(pk=event_id).first()
        if event is None:
            raise DomainError("No such event.", field="event_id")
    else:
        return current
    if event is None:
        return None
    visible = event.deleted_at is None and (
        event.is_published or rules.is_admin(actor) or event.user_roles.filter(user_id=actor.pk).exists()
    )
    if not visible:
        raise DomainError("No such event.", field="event_id")
    return event


def _check_single(preference):
    """One preference per user and event (and one for every event)."""
    from notifications.models import EmailNotification

    others = EmailNotification.objects.filter(
        user=preference.user, event=preference.event, deleted_at__isnull=True
    ).exclude(pk=preference.pk)
    if others.exists():
        raise DomainError(
            "These preferences already exist; change them instead.", field="event", status=409, code="conflict"
        )


def _owner(actor, data, instance=None):
    user = data.get("user") or (instance.user if instance is not None else actor)
    if user.pk != actor.pk and not rules.is_admin(actor):
        raise DomainError("You may only set your own preferences.", field="user", status=403, code="forbidden")
    return user


@transaction.atomic
def email_notification_create(*, actor, data):
    from notifications.models import EmailNotification

    preference = EmailNotification(user=_owner(actor, data), event=_event(actor, data))
    for field in PREFERENCE_FIELDS:
        if field in data:
            setattr(preference, field, bool(data[field]))
    _check_single(preference)
    preference.save()
    return preference


@transaction.atomic
def email_notification_update(*, actor, instance, data):
    instance.user = _owner(actor, data, instance)
    instance.event = _event(actor, data, instance.event)
    for field in PREFERENCE_FIELDS:
        if field in data:
            setattr(instance, field, bool(data[field]))
    _check_single(instance)
    instance.save()
    return instance


def email_notification_delete(*, actor, instance, permanent=False):
    if permanent and rules.is_super_admin(actor):
        instance.delete()
        return None
    instance.soft_delete()
    return instance


@transaction.atomic
def message_setting_update(*, actor, instance, data):
    if "action" in data and data["action"] != instance.action:
        raise DomainError("The action of a message setting cannot change.", field="action")
    for field in ("enabled", "recipient", "email_subject"):
        if field in data:
            setattr(instance, field, data[field])
    for field in ("email_message", "notification_message"):  # HTML: stored sanitized
        if field in data:
            setattr(instance, field, clean_html(data[field] or ""))
    instance.save()
    record_activity(actor, f"Message setting {instance.action} {'enabled' if instance.enabled else 'disabled'}")
    return instance
