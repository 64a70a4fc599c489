from django.db import models

from eventyay.db import SoftDeleteModel


class TicketTag(SoftDeleteModel):
    """A label an organizer puts on tickets of their event (to group them, e.g. on badges or check-in)."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="ticket_tags")
    name = models.CharField(max_length=255)
    tickets = models.ManyToManyField("tickets.Ticket", blank=True, related_name="ticket_tags")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name
