"""What attendees say about an event and its sessions: feedback (a rating and a comment) and favourites (the
events and sessions a user bookmarked). Each row belongs to the user who made it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from eventyay.db import SoftDeleteModel, TimestampedModel


class Feedback(SoftDeleteModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="feedbacks")
    session = models.ForeignKey(
        "events.Session", null=True, blank=True, on_delete=models.CASCADE, related_name="feedbacks"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedbacks")
    rating = models.FloatField(validators=[MinValueValidator(0), MaxValueValidator(5)])
    comment = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.rating} from user {self.user_id}"


class UserFavouriteEvent(SoftDeleteModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="favourites")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourite_events")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event"], condition=models.Q(deleted_at__isnull=True), name="one_live_favourite_event"
            )
        ]

    def __str__(self):
        return f"event {self.event_id} of user {self.user_id}"


class UserFavouriteSession(TimestampedModel):
    session = models.ForeignKey("events.Session", on_delete=models.CASCADE, related_name="favourites")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourite_sessions")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["user", "session"], name="one_favourite_per_session")]

    def __str__(self):
        return f"session {self.session_id} of user {self.user_id}"
