from django.conf import settings
from django.db import models

from eventyay.db import TimestampedModel


class Station(TimestampedModel):
    """A check-in desk of an event. `registration` and `daily` stations admit attendees to the event; `check in`
    and `check out` stations sit at a microlocation (a room) and count people in and out of its sessions."""

    class Type(models.TextChoices):
        REGISTRATION = "registration", "Registration"
        DAILY = "daily", "Daily"
        CHECK_IN = "check in", "Check in"
        CHECK_OUT = "check out", "Check out"

    #: types that sit in a room (need a microlocation)
    ROOM_TYPES = (Type.CHECK_IN, Type.CHECK_OUT)

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="stations")
    microlocation = models.ForeignKey(
        "events.Microlocation", on_delete=models.SET_NULL, null=True, blank=True, related_name="stations"
    )
    station_name = models.CharField(max_length=255)
    station_type = models.CharField(max_length=32, choices=Type.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.station_name


class StationStorePax(TimestampedModel):
    """A head count entered at a station for a session (`current_pax` people in the room)."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="store_paxs")
    session = models.ForeignKey("events.Session", on_delete=models.CASCADE, related_name="station_store_paxs")
    current_pax = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.current_pax} at {self.station_id} for session {self.session_id}"


class UserCheckIn(TimestampedModel):
    """One scan of an attendee's ticket at a station (for a session at room stations)."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="check_ins")
    ticket_holder = models.ForeignKey("tickets.Attendee", on_delete=models.CASCADE, related_name="check_ins")
    session = models.ForeignKey(
        "events.Session", on_delete=models.CASCADE, null=True, blank=True, related_name="user_check_ins"
    )
    track_name = models.CharField(max_length=255, blank=True, default="")
    session_name = models.CharField(max_length=255, blank=True, default="")
    speaker_name = models.CharField(max_length=1000, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"Attendee {self.ticket_holder_id} at station {self.station_id}"
