from django.db import models

from eventyay.db import SoftDeleteModel


class Tax(SoftDeleteModel):
    """The tax an event charges on its tickets: at most one alive tax per event (DB-unique). `rate` is a
    percentage (0–100). Only `name`, `rate` and `is_tax_included_in_price` are public; the rest (the
    organizer's tax registration) is for the event's managers."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="taxes")
    name = models.CharField(max_length=255)
    rate = models.DecimalField(max_digits=11, decimal_places=8)
    tax_id = models.CharField(max_length=255)
    country = models.CharField(max_length=255, blank=True, default="")
    registered_company = models.CharField(max_length=255, blank=True, default="")
    contact_name = models.CharField(max_length=255, blank=True, default="")
    phone = models.CharField(max_length=64, blank=True, default="")
    email = models.EmailField(blank=True, default="")
    address = models.CharField(max_length=1000, blank=True, default="")
    city = models.CharField(max_length=255, blank=True, default="")
    state = models.CharField(max_length=255, blank=True, default="")
    zip = models.CharField(max_length=32, blank=True, default="")
    invoice_footer = models.TextField(blank=True, default="")
    is_invoice_sent = models.BooleanField(default=False)
    is_tax_included_in_price = models.BooleanField(default=False)
    should_send_invoice = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "taxes"
        constraints = [
            models.UniqueConstraint(
                fields=["event"], condition=models.Q(deleted_at__isnull=True), name="one_alive_tax_per_event"
            ),
            models.CheckConstraint(condition=models.Q(rate__gte=0, rate__lte=100), name="tax_rate_0_to_100"),
        ]

    def __str__(self):
        return f"{self.name} ({self.rate} %)"
