import uuid

from django.conf import settings
from django.db import models

from eventyay.db import TimestampedModel


def generate_order_identifier():
    return str(uuid.uuid4())


class Order(TimestampedModel):
    """A purchase. A buyer's checkout starts `initializing`: the seats are held while the buyer fills in the
    attendee details, until `expires_at` (the platform's order expiry time). Submitting the details completes a
    free order, places one paid by an offline mode (bank, cheque, on site) and leaves any other paid order
    pending until paid or `expires_at`. Orders the event team places skip the details step."""

    class Status(models.TextChoices):
        INITIALIZING = "initializing", "Initializing"
        PENDING = "pending", "Pending"
        PLACED = "placed", "Placed"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired"

    #: statuses whose seats are taken for good
    SOLD_STATUSES = (Status.COMPLETED, Status.PLACED)
    #: statuses that hold their seats only until `expires_at` (then the order expires and the seats are free)
    HELD_STATUSES = (Status.INITIALIZING, Status.PENDING)

    identifier = models.CharField(max_length=64, unique=True, default=generate_order_identifier, editable=False)
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="orders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="orders"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    discount_code = models.ForeignKey(
        "tickets.DiscountCode", on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    access_code = models.ForeignKey(
        "tickets.AccessCode", on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    paid_via = models.CharField(max_length=32, blank=True, default="")
    payment_mode = models.CharField(max_length=32, blank=True, default="")
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    transaction_id = models.CharField(max_length=255, blank=True, default="")
    is_billing_enabled = models.BooleanField(default=False)
    company = models.CharField(max_length=255, blank=True, default="")
    address = models.CharField(max_length=1000, blank=True, default="")
    city = models.CharField(max_length=255, blank=True, default="")
    state = models.CharField(max_length=255, blank=True, default="")
    country = models.CharField(max_length=255, blank=True, default="")
    zipcode = models.CharField(max_length=32, blank=True, default="")
    tax_business_info = models.CharField(max_length=1000, blank=True, default="")
    brand = models.CharField(max_length=64, blank=True, default="")
    exp_month = models.CharField(max_length=8, blank=True, default="")
    exp_year = models.CharField(max_length=8, blank=True, default="")
    last4 = models.CharField(max_length=8, blank=True, default="")
    tickets_pdf_url = models.URLField(max_length=1000, blank=True, default="")
    #: where a hosted payment page would take the buyer (empty: no hosted page for this order)
    payment_url = models.URLField(max_length=1000, blank=True, default="")
    #: the marketer whose discount code brought the order in (the code's marketer, copied at checkout)
    marketer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="marketed_orders"
    )
    #: the platform's invoice to the organizer that billed the fee on this order (set when invoices are drawn up)
    event_invoice = models.ForeignKey(
        "tickets.EventInvoice", on_delete=models.SET_NULL, null=True, blank=True, related_name="orders"
    )
    order_notes = models.TextField(blank=True, default="")
    cancel_note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="order_amount_not_negative")]

    def __str__(self):
        return self.identifier


class Attendee(TimestampedModel):
    """A ticket holder. Each attendee of a live order occupies exactly one seat of its ticket: `seat` is a
    number in 1..ticket.quantity, unique per ticket (DB constraint), released (NULL) when the order is
    cancelled or expires. Two attendees can never share a seat, whatever the application code does."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="attendees")
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.PROTECT, related_name="attendees")
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="attendances"
    )
    seat = models.PositiveIntegerField(null=True, blank=True)
    #: the discount code applied to this seat (a redemption), if any
    discount_code = models.ForeignKey(
        "tickets.DiscountCode", on_delete=models.PROTECT, null=True, blank=True, related_name="redemptions"
    )
    price = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    firstname = models.CharField(max_length=255, blank=True, default="")
    lastname = models.CharField(max_length=255, blank=True, default="")
    email = models.EmailField(blank=True, default="")
    is_checked_in = models.BooleanField(default=False)
    checkin_times = models.TextField(blank=True, default="")
    checkout_times = models.TextField(blank=True, default="")
    is_checked_out = models.BooleanField(default=False)
    #: registration at the venue desk (separate from check-in at a station): a flag and its stamps
    is_registered = models.BooleanField(default=False)
    register_times = models.TextField(blank=True, default="")
    attendee_notes = models.TextField(blank=True, default="")
    #: set when the team deletes the attendee (its seat is released); such rows are hidden from reads
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    tag_id = models.IntegerField(null=True, blank=True)
    pdf_url = models.URLField(max_length=1000, blank=True, default="")
    birth_date = models.DateTimeField(null=True, blank=True)
    complex_field_values = models.JSONField(null=True, blank=True)
    same_as_buyer = models.BooleanField(default=False)
    accept_receive_emails = models.BooleanField(default=False)
    accept_share_details = models.BooleanField(default=False)
    accept_video_recording = models.BooleanField(default=False)
    is_consent_form_field = models.BooleanField(default=False)
    is_consent_form_field_email = models.BooleanField(default=False)
    is_consent_form_field_photo = models.BooleanField(default=False)
    is_consent_of_refund_policy = models.BooleanField(default=False)
    # free-text profile fields of the contract
    address = models.CharField(max_length=1000, blank=True, default="")
    age_group = models.CharField(max_length=64, blank=True, default="")
    billing_address = models.CharField(max_length=1000, blank=True, default="")
    blog = models.CharField(max_length=1000, blank=True, default="")
    city = models.CharField(max_length=255, blank=True, default="")
    company = models.CharField(max_length=255, blank=True, default="")
    country = models.CharField(max_length=255, blank=True, default="")
    facebook = models.CharField(max_length=1000, blank=True, default="")
    fluent_language = models.CharField(max_length=255, blank=True, default="")
    gender = models.CharField(max_length=64, blank=True, default="")
    github = models.CharField(max_length=1000, blank=True, default="")
    home_address = models.CharField(max_length=1000, blank=True, default="")
    home_wiki = models.CharField(max_length=1000, blank=True, default="")
    instagram = models.CharField(max_length=1000, blank=True, default="")
    job_title = models.CharField(max_length=255, blank=True, default="")
    linkedin = models.CharField(max_length=1000, blank=True, default="")
    native_language = models.CharField(max_length=255, blank=True, default="")
    phone = models.CharField(max_length=64, blank=True, default="")
    shipping_address = models.CharField(max_length=1000, blank=True, default="")
    state = models.CharField(max_length=255, blank=True, default="")
    tax_business_info = models.CharField(max_length=1000, blank=True, default="")
    twitter = models.CharField(max_length=1000, blank=True, default="")
    website = models.CharField(max_length=1000, blank=True, default="")
    wiki_scholarship = models.CharField(max_length=1000, blank=True, default="")
    work_address = models.CharField(max_length=1000, blank=True, default="")
    work_phone = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "seat"], name="attendee_one_seat_each"),
            models.CheckConstraint(
                condition=models.Q(seat__isnull=True) | models.Q(seat__gte=1), name="attendee_seat_positive"
            ),
        ]

    def __str__(self):
        return f"{self.firstname} {self.lastname}".strip() or self.email or f"Attendee {self.pk}"

    #: attribute names a buyer or the team may edit
    PROFILE_FIELDS = (
        "firstname", "lastname", "email", "birth_date", "complex_field_values", "same_as_buyer",
        "accept_receive_emails", "accept_share_details", "accept_video_recording", "is_consent_form_field",
        "is_consent_form_field_email", "is_consent_form_field_photo", "is_consent_of_refund_policy", "address",
        "age_group", "billing_address", "blog", "city", "company", "country", "facebook", "fluent_language",
        "gender", "github", "home_address", "home_wiki", "instagram", "job_title", "linkedin", "native_language",
        "phone", "shipping_address", "state", "tax_business_info", "twitter", "website", "wiki_scholarship",
        "work_address", "work_phone",
    )  # fmt: skip
    #: what the team does at the desk and the doors: check-in/out, registration, notes
    DESK_FIELDS = (
        "is_checked_in", "checkin_times", "is_checked_out", "checkout_times", "is_registered", "register_times",
        "attendee_notes",
    )  # fmt: skip
