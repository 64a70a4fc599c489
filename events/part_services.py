"""Writes to the smaller parts of an event: speakers call, copyright, exhibitors, video streams and their
translation channels, badge forms. (Feedback and favourites: `events.feedback_services`; the platform
catalogues: `events.catalogue_services`.)

Views check *who* may call these; the services own the rules of the data: stored HTML is sanitized, a
reference to another row of an event must point into the same event (`DomainError` on the relationship), an
event has at most one live speakers call and one live copyright (409), and the timestamps the model keeps are
never taken from `data`.
"""

from django.db import IntegrityError, transaction

from events.content_services import bind, check_same_event, clean, content_delete, split_many
from events.models import BadgeForm, EventCopyright, Exhibitor, SpeakersCall, TranslationChannel, VideoStream
from eventyay.errors import ConflictError, DomainError

HTML_FIELDS = {
    SpeakersCall: ("announcement",),
    Exhibitor: ("description",),
    VideoStream: ("additional_information",),
}

#: {model: (single-valued relations, many-valued relations)} that must point into the row's event
EVENT_RELATIONS = {
    Exhibitor: ((), ("sessions",)),
    TranslationChannel: (("video_stream",), ()),
    BadgeForm: (("ticket",), ()),
}

#: models an event has at most one live row of: {model: what to call it in the error}
ONE_PER_EVENT = {
    SpeakersCall: "speakers call",
    EventCopyright: "copyright",
}


def _event_checked(model, event_id, data):
    data = clean(model, dict(data), HTML_FIELDS)
    check_same_event(model, event_id, data, EVENT_RELATIONS)
    return data


def _check_dates(model, data, instance=None):
    starts = data.get("starts_at", getattr(instance, "starts_at", None))
    ends = data.get("ends_at", getattr(instance, "ends_at", None))
    if starts and ends and ends < starts:
        raise DomainError(f"The {model._meta.verbose_name} cannot end before it starts.", field="ends_at")


def _check_one_per_event(model, event):
    name = ONE_PER_EVENT.get(model)
    if name is None:
        return
    live = model.objects.select_for_update().filter(event=event, deleted_at__isnull=True)
    if live.exists():
        raise ConflictError(f"This event already has a {name}.", field="event")


@transaction.atomic
def part_create(model, *, actor, event, data, **fixed):
    """A new row of `model` for `event`; `fixed` are values the caller decides (the author of a feedback)."""
    data = _event_checked(model, event.pk, data)
    _check_dates(model, data)
    _check_one_per_event(model, event)
    data, many = split_many(model, data, EVENT_RELATIONS)
    try:
        with transaction.atomic():
            instance = model.objects.create(event=event, **data, **fixed)
    except IntegrityError as error:  # a concurrent create won the one-per-event race
        raise ConflictError("This row exists already.", field="event") from error
    for field, values in many.items():
        getattr(instance, field).set(values)
    return instance


@transaction.atomic
def part_update(model, *, actor, instance, data):
    data = _event_checked(model, instance.event_id, data)
    _check_dates(model, data, instance)
    data, many = split_many(model, data, EVENT_RELATIONS)
    for field, value in data.items():
        setattr(instance, field, value)
    instance.save()
    for field, values in many.items():
        getattr(instance, field).set(values)
    return instance


#: deletes as event content does (soft unless `permanent`)
part_delete = content_delete


def _bind(model):
    return bind(model, part_create, part_update)


speakers_call_create, speakers_call_update = _bind(SpeakersCall)
event_copyright_create, event_copyright_update = _bind(EventCopyright)
exhibitor_create, exhibitor_update = _bind(Exhibitor)
video_stream_create, video_stream_update = _bind(VideoStream)
translation_channel_create, translation_channel_update = _bind(TranslationChannel)
badge_form_create, badge_form_update = _bind(BadgeForm)
