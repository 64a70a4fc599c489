from django.db import models

from eventyay.db import TimestampedModel


class StripeAuthorization(TimestampedModel):
    """The organizer's Stripe Connect authorization; at most one per event (DB-unique).
    The secret fields never leave the server (the serializer does not know them)."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="stripe_authorization")
    stripe_auth_code = models.CharField(max_length=255, blank=True, default="")
    stripe_publishable_key = models.CharField(max_length=255, blank=True, default="")
    stripe_secret_key = models.CharField(max_length=255, blank=True, default="")
    stripe_refresh_token = models.CharField(max_length=255, blank=True, default="")
    stripe_user_id = models.CharField(max_length=255, blank=True, default="")

    def __str__(self):
        return f"Stripe authorization of event {self.event_id}"
