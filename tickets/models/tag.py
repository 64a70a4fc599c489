from django.db import models

from eventyay.db import SoftDeleteModel


class Tag(SoftDeleteModel):
    """An attendee tag of an event (the attendee list's "Speakers", "VIPs", …): a name and a colour. Attendees
    carry it by id (`Attendee.tag_id`, as the Open Event client sets it). `is_read_only` tags (the defaults the
    client creates) keep their name and colour and are not deleted."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=255)
    color = models.CharField(max_length=32, blank=True, default="")
    is_read_only = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name
