"""Writes of feedback and favourites. The author is always the actor (a `user` in the document is ignored);
the event of a session's feedback is the session's. A session's `average_rating` and `favourite_count` follow
every change, computed in the database."""

from django.db import IntegrityError, transaction
from django.db.models import Avg, Q

from events.models import Feedback, Session, UserFavouriteEvent, UserFavouriteSession
from eventyay.errors import ConflictError, DomainError

EDITABLE_FEEDBACK = ("rating", "comment")


def _refresh_rating(session_id):
    if session_id is None:
        return
    average = Feedback.objects.filter(session_id=session_id, deleted_at__isnull=True).aggregate(a=Avg("rating"))["a"]
    Session.objects.filter(pk=session_id).update(average_rating=round(average or 0, 2))


def _refresh_favourites(session_id):
    count = UserFavouriteSession.objects.filter(session_id=session_id).count()
    Session.objects.filter(pk=session_id).update(favourite_count=count)


def _rating(value):
    if value is None or not 0 <= value <= 5:
        raise DomainError("A rating is between 0 and 5.", field="rating")
    return value


@transaction.atomic
def feedback_create(*, actor, data, event=None):
    session = data.get("session")
    if session is not None:
        if event is not None and session.event_id != event.pk:
            raise DomainError("The session belongs to another event.", field="session")
        event = session.event
    if event is None:
        raise DomainError("Feedback is about an event or a session.", field="event")
    feedback = Feedback.objects.create(
        event=event,
        session=session,
        user=actor,
        rating=_rating(data.get("rating")),
        comment=data.get("comment") or "",
    )
    _refresh_rating(feedback.session_id)
    return feedback


@transaction.atomic
def feedback_update(*, actor, instance, data):
    if "session" in data or "event" in data:
        raise DomainError("Feedback stays on its event and session.", field="session" if "session" in data else "event")
    if "rating" in data:
        instance.rating = _rating(data["rating"])
    if "comment" in data:
        instance.comment = data["comment"] or ""
    instance.save()
    _refresh_rating(instance.session_id)
    return instance


@transaction.atomic
def feedback_delete(*, actor, instance, permanent=False):
    if permanent:
        instance.delete()
    else:
        instance.soft_delete()
    _refresh_rating(instance.session_id)


@transaction.atomic
def favourite_session_create(*, actor, data):
    session = data.get("session")
    if session is None:
        raise DomainError("Which session? `relationships.session` is required.", field="session")
    try:
        with transaction.atomic():
            favourite = UserFavouriteSession.objects.create(user=actor, session=session)
    except IntegrityError as error:
        raise ConflictError("This session is a favourite already.", field="session") from error
    _refresh_favourites(session.pk)
    return favourite


@transaction.atomic
def favourite_session_delete(*, actor, instance):
    session_id = instance.session_id
    instance.delete()
    _refresh_favourites(session_id)


@transaction.atomic
def favourite_event_create(*, actor, data):
    event = data.get("event")
    if event is None:
        raise DomainError("Which event? `relationships.event` is required.", field="event")
    live = Q(user=actor, event=event, deleted_at__isnull=True)
    if UserFavouriteEvent.objects.filter(live).exists():
        raise ConflictError("This event is a favourite already.", field="event")
    try:
        with transaction.atomic():
            return UserFavouriteEvent.objects.create(user=actor, event=event)
    except IntegrityError as error:
        raise ConflictError("This event is a favourite already.", field="event") from error


@transaction.atomic
def favourite_event_delete(*, actor, instance, permanent=False):
    if permanent:
        instance.delete()
    else:
        instance.soft_delete()
