import secrets

from django.conf import settings
from django.db import models

from eventyay.db import SoftDeleteModel, TimestampedModel


def generate_identifier():
    return secrets.token_hex(4)


class EventTopic(TimestampedModel):
    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=255, blank=True, default="")
    system_image_url = models.URLField(max_length=1000, blank=True, default="")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class EventSubTopic(TimestampedModel):
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, blank=True, default="")
    event_topic = models.ForeignKey(EventTopic, on_delete=models.CASCADE, related_name="event_sub_topics")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["event_topic", "name"], name="uniq_sub_topic_per_topic")]

    def __str__(self):
        return self.name


class EventType(TimestampedModel):
    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=255, blank=True, default="")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Event(SoftDeleteModel):
    """An event. Attribute names follow the Open Event contract (oef_models.json, type `event`)."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class Privacy(models.TextChoices):
        PUBLIC = "public", "Public"
        PRIVATE = "private", "Private"

    identifier = models.CharField(max_length=32, unique=True, default=generate_identifier, editable=False)
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True, default="")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    timezone = models.CharField(max_length=64, default="UTC")
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT, db_index=True)
    privacy = models.CharField(max_length=16, choices=Privacy.choices, default=Privacy.PUBLIC)
    online = models.BooleanField(default=False)
    location_name = models.CharField(max_length=500, blank=True, default="")
    searchable_location_name = models.CharField(max_length=500, blank=True, default="")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_event_url = models.URLField(max_length=1000, blank=True, default="")
    ticket_url = models.URLField(max_length=1000, blank=True, default="")
    public_stream_link = models.URLField(max_length=1000, blank=True, default="")
    stream_loop = models.BooleanField(default=False)
    stream_autoplay = models.BooleanField(default=False)
    chat_room_name = models.CharField(max_length=255, blank=True, default="")

    # images (URLs into the storage backend)
    logo_url = models.URLField(max_length=1000, blank=True, default="")
    original_image_url = models.URLField(max_length=1000, blank=True, default="")
    thumbnail_image_url = models.URLField(max_length=1000, blank=True, default="")
    large_image_url = models.URLField(max_length=1000, blank=True, default="")
    icon_image_url = models.URLField(max_length=1000, blank=True, default="")

    # organizer information
    owner_name = models.CharField(max_length=255, blank=True, default="")
    owner_description = models.TextField(blank=True, default="")
    has_owner_info = models.BooleanField(default=False)
    code_of_conduct = models.TextField(blank=True, default="")
    refund_policy = models.TextField(blank=True, default="")
    after_order_message = models.TextField(blank=True, default="")
    document_links = models.JSONField(null=True, blank=True)

    # flags
    is_map_shown = models.BooleanField(default=False)
    is_sessions_speakers_enabled = models.BooleanField(default=False)
    is_sponsors_enabled = models.BooleanField(default=False)
    is_ticket_form_enabled = models.BooleanField(default=True)
    is_cfs_enabled = models.BooleanField(default=False)
    is_featured = models.BooleanField(default=False)
    is_promoted = models.BooleanField(default=False)
    is_demoted = models.BooleanField(default=False)
    is_announced = models.BooleanField(default=False)
    is_chat_enabled = models.BooleanField(default=False)
    is_videoroom_enabled = models.BooleanField(default=False)
    is_document_enabled = models.BooleanField(default=False)
    is_badges_enabled = models.BooleanField(default=False)
    is_oneclick_signup_enabled = models.BooleanField(default=False)
    is_billing_info_mandatory = models.BooleanField(default=False)
    is_tax_enabled = models.BooleanField(default=False)
    is_stripe_linked = models.BooleanField(default=False)

    # payments
    payment_country = models.CharField(max_length=64, blank=True, default="")
    payment_currency = models.CharField(max_length=8, blank=True, default="USD")
    paypal_email = models.EmailField(blank=True, default="")
    can_pay_by_paypal = models.BooleanField(default=False)
    can_pay_by_stripe = models.BooleanField(default=False)
    can_pay_by_cheque = models.BooleanField(default=False)
    can_pay_by_bank = models.BooleanField(default=False)
    can_pay_by_invoice = models.BooleanField(default=False)
    can_pay_onsite = models.BooleanField(default=False)
    can_pay_by_omise = models.BooleanField(default=False)
    can_pay_by_alipay = models.BooleanField(default=False)
    can_pay_by_paytm = models.BooleanField(default=False)
    cheque_details = models.TextField(blank=True, default="")
    bank_details = models.TextField(blank=True, default="")
    onsite_details = models.TextField(blank=True, default="")
    invoice_details = models.TextField(blank=True, default="")

    schedule_published_on = models.DateTimeField(null=True, blank=True)

    event_topic = models.ForeignKey(EventTopic, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    event_sub_topic = models.ForeignKey(
        EventSubTopic, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    event_type = models.ForeignKey(EventType, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_events"
    )
    group = models.ForeignKey("events.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="events")

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_published(self):
        return self.state == self.State.PUBLISHED

    def team_members(self, role_name):
        """Users holding `role_name` on this event (from the `team_roles` prefetch when the view made one)."""
        rows = getattr(self, "team_roles", None)
        if rows is None:
            rows = self.user_roles.select_related("user", "role").order_by("pk")
        return [row.user for row in rows if row.role.name == role_name]

    organizer_users = property(lambda self: self.team_members("organizer"))
    coorganizer_users = property(lambda self: self.team_members("coorganizer"))
    track_organizer_users = property(lambda self: self.team_members("track_organizer"))
    moderator_users = property(lambda self: self.team_members("moderator"))
    registrar_users = property(lambda self: self.team_members("registrar"))

    @property
    def pentabarf_url(self):
        return f"/v1/events/{self.identifier}/export/pentabarf"

    @property
    def ical_url(self):
        return f"/v1/events/{self.identifier}/export/ical"

    @property
    def xcal_url(self):
        return f"/v1/events/{self.identifier}/export/xcal"
