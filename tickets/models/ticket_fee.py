from django.db import models

from eventyay.db import SoftDeleteModel


class TicketFee(SoftDeleteModel):
    """A platform fee on paid tickets, set by admins per currency (and optionally per country): `service_fee`
    percent of the price, at most `maximum_fee` per ticket. One alive fee per currency and country."""

    currency = models.CharField(max_length=3, default="USD")
    country = models.CharField(max_length=255, blank=True, default="")
    service_fee = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    maximum_fee = models.DecimalField(max_digits=12, decimal_places=2, default=0)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "country"],
                condition=models.Q(deleted_at__isnull=True),
                name="one_alive_fee_per_currency_country",
            ),
            models.CheckConstraint(
                condition=models.Q(service_fee__gte=0, service_fee__lte=100), name="ticket_fee_percent_0_to_100"
            ),
            models.CheckConstraint(condition=models.Q(maximum_fee__gte=0), name="ticket_fee_maximum_not_negative"),
        ]

    def __str__(self):
        where = f" ({self.country})" if self.country else ""
        return f"{self.currency}{where}: {self.service_fee} %, max {self.maximum_fee}"
