from django.db import models

from eventyay.db import SoftDeleteModel


class Ticket(SoftDeleteModel):
    """A ticket type of an event (seed 003: free, paid, donation)."""

    class Type(models.TextChoices):
        FREE = "free", "Free"
        PAID = "paid", "Paid"
        DONATION = "donation", "Donation"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="tickets")
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    is_description_visible = models.BooleanField(default=True)
    type = models.CharField(max_length=16, choices=Type.choices, default=Type.FREE)
    price = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    min_price = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    max_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    quantity = models.PositiveIntegerField(default=100)
    is_hidden = models.BooleanField(default=False)
    is_fee_absorbed = models.BooleanField(default=False)
    sales_starts_at = models.DateTimeField(null=True, blank=True)
    sales_ends_at = models.DateTimeField(null=True, blank=True)
    min_order = models.PositiveIntegerField(default=1)
    max_order = models.PositiveIntegerField(default=10)
    position = models.IntegerField(default=0)
    form_id = models.CharField(max_length=64, blank=True, default="")
    badge_id = models.CharField(max_length=64, blank=True, default="")
    #: holders of this ticket may only be checked in at the stations of its event (OES default: on)
    is_checkin_restricted = models.BooleanField(default=True)
    #: a registration scan checks the holder in at once
    auto_checkin_enabled = models.BooleanField(default=False)
    #: seed 002: one-to-many — a ticket has at most one (ticket-level) discount code
    discount_code = models.ForeignKey(
        "tickets.DiscountCode", on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets"
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(min_order__lte=models.F("max_order")), name="ticket_min_le_max"),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="ticket_price_not_negative"),
        ]

    def __str__(self):
        return self.name
