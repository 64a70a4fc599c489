"""Event programme content: tracks, session types, microlocations, speakers, sessions, sponsors, social links.

Attribute names follow the Open Event contract (oef_models.json). Every row belongs to one event.
"""

import secrets

from django.conf import settings
from django.db import models

from eventyay.db import SoftDeleteModel


class Track(SoftDeleteModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    color = models.CharField(max_length=32, default="#2185d0")
    font_color = models.CharField(max_length=32, blank=True, default="#ffffff")
    position = models.IntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class SessionType(SoftDeleteModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="session_types")
    name = models.CharField(max_length=255)
    length = models.CharField(max_length=16, default="00:30", help_text="HH:MM")
    position = models.IntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class Microlocation(SoftDeleteModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="microlocations")
    name = models.CharField(max_length=255)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    floor = models.IntegerField(null=True, blank=True)
    position = models.IntegerField(default=0)
    hidden_in_scheduler = models.BooleanField(default=False)
    is_chat_enabled = models.BooleanField(default=False)
    is_global_event_room = models.BooleanField(default=False)
    room = models.CharField(max_length=255, blank=True, default="")
    video_stream = models.ForeignKey(
        "events.VideoStream", null=True, blank=True, on_delete=models.SET_NULL, related_name="rooms"
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class Speaker(SoftDeleteModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="speakers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="speakers"
    )
    name = models.CharField(max_length=255)
    email = models.EmailField(blank=True, default="")
    photo_url = models.URLField(max_length=1000, blank=True, default="")
    thumbnail_image_url = models.URLField(max_length=1000, blank=True, default="")
    small_image_url = models.URLField(max_length=1000, blank=True, default="")
    icon_image_url = models.URLField(max_length=1000, blank=True, default="")
    short_biography = models.TextField(blank=True, default="")
    long_biography = models.TextField(blank=True, default="")
    speaking_experience = models.TextField(blank=True, default="")
    mobile = models.CharField(max_length=64, blank=True, default="")
    website = models.URLField(max_length=1000, blank=True, default="")
    twitter = models.URLField(max_length=1000, blank=True, default="")
    facebook = models.URLField(max_length=1000, blank=True, default="")
    github = models.URLField(max_length=1000, blank=True, default="")
    linkedin = models.URLField(max_length=1000, blank=True, default="")
    instagram = models.URLField(max_length=1000, blank=True, default="")
    mastodon = models.URLField(max_length=1000, blank=True, default="")
    organisation = models.CharField(max_length=255, blank=True, default="")
    position = models.CharField(max_length=255, blank=True, default="")
    country = models.CharField(max_length=255, blank=True, default="")
    city = models.CharField(max_length=255, blank=True, default="")
    location = models.CharField(max_length=255, blank=True, default="")
    gender = models.CharField(max_length=64, blank=True, default="")
    heard_from = models.CharField(max_length=255, blank=True, default="")
    is_featured = models.BooleanField(default=False)
    is_email_overridden = models.BooleanField(default=False)
    order = models.IntegerField(default=0)
    complex_field_values = models.JSONField(null=True, blank=True)
    speaker_positions = models.JSONField(null=True, blank=True)
    sponsorship_required = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class Session(SoftDeleteModel):
    """A talk. `last_modified_at` is kept by the model layer on every save (seed 000), never by clients."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"
        CANCELED = "canceled", "Canceled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="sessions")
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="created_sessions"
    )
    track = models.ForeignKey(Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    session_type = models.ForeignKey(
        SessionType, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    microlocation = models.ForeignKey(
        Microlocation, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    speakers = models.ManyToManyField(Speaker, blank=True, related_name="sessions")

    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=500, blank=True, default="")
    short_abstract = models.TextField(blank=True, default="")
    long_abstract = models.TextField(blank=True, default="")
    comments = models.TextField(blank=True, default="")
    language = models.CharField(max_length=64, blank=True, default="")
    level = models.CharField(max_length=64, blank=True, default="")
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT, db_index=True)
    starts_at = models.DateTimeField(null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    slides = models.JSONField(null=True, blank=True)
    slides_url = models.URLField(max_length=1000, blank=True, default="")
    audio_url = models.URLField(max_length=1000, blank=True, default="")
    video_url = models.URLField(max_length=1000, blank=True, default="")
    signup_url = models.URLField(max_length=1000, blank=True, default="")
    website = models.URLField(max_length=1000, blank=True, default="")
    twitter = models.URLField(max_length=1000, blank=True, default="")
    facebook = models.URLField(max_length=1000, blank=True, default="")
    github = models.URLField(max_length=1000, blank=True, default="")
    gitlab = models.URLField(max_length=1000, blank=True, default="")
    linkedin = models.URLField(max_length=1000, blank=True, default="")
    instagram = models.URLField(max_length=1000, blank=True, default="")
    mastodon = models.URLField(max_length=1000, blank=True, default="")
    is_locked = models.BooleanField(default=False)
    is_mail_sent = models.BooleanField(default=False)
    send_email = models.BooleanField(default=False)
    average_rating = models.FloatField(default=0)
    favourite_count = models.PositiveIntegerField(default=0)
    complex_field_values = models.JSONField(null=True, blank=True)
    last_modified_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "last_modified_at" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "last_modified_at"]
        super().save(*args, **kwargs)


class Sponsor(SoftDeleteModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="sponsors")
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    url = models.URLField(max_length=1000, blank=True, default="")
    level = models.IntegerField(default=0)
    type = models.CharField(max_length=255, blank=True, default="")
    logo_url = models.URLField(max_length=1000, blank=True, default="")

    class Meta:
        ordering = ["level", "id"]

    def __str__(self):
        return self.name


def generate_social_identifier():
    return secrets.token_hex(8)


class SocialLink(SoftDeleteModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="social_links")
    name = models.CharField(max_length=255)
    link = models.URLField(max_length=1000)
    identifier = models.CharField(max_length=64, default=generate_social_identifier)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name
