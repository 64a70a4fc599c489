"""Every write to event content (tracks, session types, microlocations, speakers, sessions, sponsors, social
links, custom forms, FAQs, FAQ types) goes through here.

Views check *who* may call these; the services own the rules of the data: HTML is sanitized, a reference to
another content object must point into the same event (`DomainError` with the relationship as field), and
timestamps the model keeps (`created_at`, `last_modified_at`, `deleted_at`) are never taken from `data`.
"""

from django.db import transaction

from events.models import (
    CustomForm,
    Faq,
    FaqType,
    Microlocation,
    Session,
    SessionType,
    SocialLink,
    Speaker,
    Sponsor,
    Track,
)
from events.session_notify import announce_session_state
from eventyay import limits
from eventyay.errors import DomainError
from eventyay.sanitize import clean_html

PROTECTED_FIELDS = ("id", "event", "event_id", "created_at", "modified_at", "last_modified_at", "deleted_at")

HTML_FIELDS = {
    Track: ("description",),
    Speaker: ("short_biography", "long_biography", "speaking_experience", "sponsorship_required"),
    Session: ("short_abstract", "long_abstract", "comments"),
    Sponsor: ("description",),
    CustomForm: ("description",),
    Faq: ("question", "answer"),
}

#: relations that must stay inside the event: {model: (single-valued fields, many-valued fields)}
EVENT_RELATIONS = {
    Session: (("track", "session_type", "microlocation"), ("speakers",)),
    Speaker: ((), ("sessions",)),
    Faq: (("faq_type",), ()),
    Microlocation: (("video_stream",), ()),
}


def clean(model, data, html_fields=HTML_FIELDS):
    """`data` without protected fields, range-checked (dates, coordinates), with its HTML sanitized."""
    data = {k: v for k, v in data.items() if k not in PROTECTED_FIELDS}
    limits.check_values(model, data)
    for field in html_fields.get(model, ()):
        if data.get(field):
            data[field] = clean_html(data[field])
    return data


def check_same_event(model, event_id, data, relations=EVENT_RELATIONS):
    """Every row `data` refers to through `relations[model]` belongs to the event `event_id`."""
    singles, manys = relations.get(model, ((), ()))
    for field in singles:
        target = data.get(field)
        if target is not None and getattr(target, "event_id", None) != event_id:
            raise DomainError(f"The {field.replace('_', ' ')} belongs to another event.", field=field)
    for field in manys:
        for target in data.get(field) or ():
            if getattr(target, "event_id", None) != event_id:
                raise DomainError(f"Every one of the {field.replace('_', ' ')} must belong to this event.", field=field)


def split_many(model, data, relations=EVENT_RELATIONS):
    """(`data` without its to-many values, those values): the latter are `.set()` once the row exists."""
    manys = {f.name for f in model._meta.many_to_many} | set(relations.get(model, ((), ()))[1])
    many = {k: data.pop(k) for k in list(data) if k in manys}
    return data, many


def bind(model, create_service, update_service):
    """`<model>_create(*, actor, event, data)` and `<model>_update(*, actor, instance, data)` for one model of a
    generic create/update service pair."""

    def create(*, actor, event, data):
        return create_service(model, actor=actor, event=event, data=data)

    def update(*, actor, instance, data):
        return update_service(model, actor=actor, instance=instance, data=data)

    create.__name__ = f"{model._meta.model_name}_create"
    update.__name__ = f"{model._meta.model_name}_update"
    return create, update


def _check_rules(model, event, data, instance=None):
    if model is Session:
        starts = data.get("starts_at", getattr(instance, "starts_at", None))
        ends = data.get("ends_at", getattr(instance, "ends_at", None))
        if starts and ends and ends < starts:
            raise DomainError("A session cannot end before it starts.", field="ends_at")
    if model is CustomForm:
        key = {
            "form": data.get("form", getattr(instance, "form", None)),
            "form_id": data.get("form_id", getattr(instance, "form_id", "")),
            "field_identifier": data.get("field_identifier", getattr(instance, "field_identifier", None)),
        }
        clash = CustomForm.objects.filter(event=event, **key)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            raise DomainError("This form already has a field with this identifier.", field="field_identifier")


@transaction.atomic
def content_create(model, *, actor, event, data):
    data = clean(model, dict(data))
    check_same_event(model, event.pk, data)
    _check_rules(model, event, data)
    data, many = split_many(model, data)
    if model is Session and actor is not None and actor.is_authenticated:
        data.setdefault("creator", actor)
    instance = model.objects.create(event=event, **data)
    for field, values in many.items():
        getattr(instance, field).set(values)
    return instance


@transaction.atomic
def content_update(model, *, actor, instance, data):
    data = clean(model, dict(data))
    check_same_event(model, instance.event_id, data)
    _check_rules(model, instance.event, data, instance)
    data, many = split_many(model, data)
    old_state = getattr(instance, "state", None)
    for field, value in data.items():
        setattr(instance, field, value)
    instance.save()  # always: a session's last_modified_at moves on every change, M2M changes included
    for field, values in many.items():
        getattr(instance, field).set(values)
    if model is Session:
        announce_session_state(instance, old_state)
    return instance


@transaction.atomic
def content_delete(*, actor, instance, permanent=False):
    """Soft-deletable rows are soft-deleted unless `permanent`; the others are removed."""
    if hasattr(instance, "soft_delete") and not permanent:
        instance.soft_delete()
        return
    instance.delete()


def _bind(model):
    return bind(model, content_create, content_update)


track_create, track_update = _bind(Track)
session_type_create, session_type_update = _bind(SessionType)
microlocation_create, microlocation_update = _bind(Microlocation)
speaker_create, speaker_update = _bind(Speaker)
session_create, session_update = _bind(Session)
sponsor_create, sponsor_update = _bind(Sponsor)
social_link_create, social_link_update = _bind(SocialLink)
custom_form_create, custom_form_update = _bind(CustomForm)
faq_type_create, faq_type_update = _bind(FaqType)
faq_create, faq_update = _bind(Faq)


#: the team's decisions on a session, and the states each may be taken from
SESSION_DECISIONS = {
    Session.State.ACCEPTED: {Session.State.DRAFT, Session.State.PENDING, Session.State.REJECTED},
    Session.State.REJECTED: {Session.State.DRAFT, Session.State.PENDING, Session.State.ACCEPTED},
    Session.State.CONFIRMED: {Session.State.ACCEPTED},
}


@transaction.atomic
def session_decide(*, actor, instance, state, send_email=False):
    """Accept, reject or confirm a session (the dashboard's buttons); speakers hear of it (see
    `events.session_notify`), by e-mail too when `send_email`."""
    session = Session.objects.select_for_update().get(pk=instance.pk)
    if state not in SESSION_DECISIONS:
        raise DomainError("A session can be accepted, rejected or confirmed here.", field="state")
    if session.state not in SESSION_DECISIONS[state]:
        raise DomainError(f"A {session.state} session cannot be {state}.", field="state", code="invalid_transition")
    return content_update(Session, actor=actor, instance=session, data={"state": state, "send_email": bool(send_email)})
