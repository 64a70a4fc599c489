"""Stripe authorization: one per event; only the organizer manages it."""

from django.db import IntegrityError, transaction

from eventyay.errors import ConflictError, DomainError
from tickets.models import StripeAuthorization

FIELDS = ("stripe_auth_code", "stripe_publishable_key")


@transaction.atomic
def stripe_authorization_create(*, actor, event, data):
    if event is None:
        raise DomainError("An event is required.", field="event")
    if StripeAuthorization.objects.filter(event=event).exists():
        raise ConflictError("This event already has a Stripe authorization.", field="event")
    auth = StripeAuthorization(event=event, **{f: data[f] or "" for f in FIELDS if f in data})
    if not auth.stripe_auth_code:
        raise DomainError("stripe-auth-code is required.", field="stripe_auth_code")
    try:
        with transaction.atomic():
            auth.save()
    except IntegrityError:
        raise ConflictError("This event already has a Stripe authorization.", field="event")
    return auth


@transaction.atomic
def stripe_authorization_update(*, actor, instance, data):
    if "event" in data and data["event"] is not None and data["event"].pk != instance.event_id:
        raise DomainError("The event of a Stripe authorization cannot change.", field="event")
    for field in FIELDS:
        if field in data:
            setattr(instance, field, data[field] or "")
    instance.save()
    return instance


@transaction.atomic
def stripe_authorization_delete(*, actor, instance):
    instance.delete()
