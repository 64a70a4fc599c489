from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from eventyay.db import SoftDeleteModel


class CodeBase(SoftDeleteModel):
    """What discount and access codes share: the code, its redemption limit, quantities and validity."""

    code = models.CharField(max_length=100)
    tickets_number = models.PositiveIntegerField(null=True, blank=True)
    min_quantity = models.PositiveIntegerField(default=1)
    max_quantity = models.PositiveIntegerField(null=True, blank=True)
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_till = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    marketer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self):
        return self.code

    @property
    def live_tickets(self):
        """Alive tickets (prefetched by the API views into `_live_tickets`)."""
        cached = getattr(self, "_live_tickets", None)
        if cached is not None:
            return cached
        return list(self.tickets.filter(deleted_at__isnull=True))


class DiscountCode(CodeBase):
    """Seed 001/002. `used_for` ticket: applies to the tickets linked to it (Ticket.discount_code);
    `event`: the one event-level code of an event, managed by admins. `tickets_number` is the number of
    discounted seats the code may be redeemed for (counted per attendee, not per order)."""

    class Type(models.TextChoices):
        AMOUNT = "amount", "Amount"
        PERCENT = "percent", "Percent"

    class UsedFor(models.TextChoices):
        TICKET = "ticket", "Ticket"
        EVENT = "event", "Event"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="discount_codes")
    discount_url = models.URLField(max_length=1000, blank=True, default="")
    type = models.CharField(max_length=16, choices=Type.choices, default=Type.AMOUNT)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    used_for = models.CharField(max_length=16, choices=UsedFor.choices, default=UsedFor.TICKET)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(CodeBase.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("code"),
                "event",
                condition=models.Q(deleted_at__isnull=True),
                name="discount_code_unique_per_event",
            ),
            models.UniqueConstraint(
                fields=["event"],
                condition=models.Q(deleted_at__isnull=True, used_for="event"),
                name="one_event_level_discount_code",
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="discount_value_not_negative"),
        ]


class AccessCode(CodeBase):
    """Unlocks hidden tickets; `tickets_number` limits the seats bought with it."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="access_codes")
    access_url = models.URLField(max_length=1000, blank=True, default="")
    tickets = models.ManyToManyField("tickets.Ticket", blank=True, related_name="access_codes")

    class Meta(CodeBase.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("code"),
                "event",
                condition=models.Q(deleted_at__isnull=True),
                name="access_code_unique_per_event",
            ),
        ]
