import uuid

from django.conf import settings
from django.db import models

from eventyay.db import TimestampedModel


def generate_invoice_identifier():
    return str(uuid.uuid4())


class EventInvoice(TimestampedModel):
    """What the platform bills an event's organizer (its fees on the event's ticket sales), paid by them."""

    class Status(models.TextChoices):
        DUE = "due", "Due"
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        REFUNDING = "refunding", "Refunding"
        REFUNDED = "refunded", "Refunded"
        FAILED = "failed", "Failed"
        RESOLVED = "resolved", "Resolved"

    identifier = models.CharField(max_length=64, unique=True, default=generate_invoice_identifier, editable=False)
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="invoices")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="event_invoices"
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DUE, db_index=True)
    paid_via = models.CharField(max_length=32, blank=True, default="")
    payment_mode = models.CharField(max_length=32, blank=True, default="")
    transaction_id = models.CharField(max_length=255, blank=True, default="")
    paypal_token = models.CharField(max_length=255, blank=True, default="")
    stripe_token = models.CharField(max_length=255, blank=True, default="")
    brand = models.CharField(max_length=64, blank=True, default="")
    last4 = models.CharField(max_length=8, blank=True, default="")
    exp_month = models.PositiveSmallIntegerField(null=True, blank=True)
    exp_year = models.PositiveSmallIntegerField(null=True, blank=True)
    invoice_pdf_url = models.URLField(max_length=1000, blank=True, default="")
    issued_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="event_invoice_amount_not_negative")
        ]

    def __str__(self):
        return self.identifier
