"""Custom form fields an organizer adds to the attendee, speaker and session forms (seed 001)."""

from django.db import models

from eventyay.db import TimestampedModel


class CustomForm(TimestampedModel):
    class Form(models.TextChoices):
        ATTENDEE = "attendee", "Attendee"
        SPEAKER = "speaker", "Speaker"
        SESSION = "session", "Session"

    class Type(models.TextChoices):
        TEXT = "text", "Text"
        CHECKBOX = "checkbox", "Checkbox"
        SELECT = "select", "Select"
        EMAIL = "email", "Email"
        IMAGE = "image", "Image"
        PARAGRAPH = "paragraph", "Paragraph"
        NUMBER = "number", "Number"
        URL = "url", "URL"
        PHONE = "phone", "Phone"
        DATE = "date", "Date"
        FILE = "file", "File"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="custom_forms")
    form = models.CharField(max_length=32, choices=Form.choices)
    form_id = models.CharField(max_length=64, blank=True, default="")
    field_identifier = models.CharField(max_length=255)
    type = models.CharField(max_length=32, choices=Type.choices, default=Type.TEXT)
    name = models.CharField(max_length=255, blank=True, default="")
    description = models.TextField(blank=True, default="")
    is_required = models.BooleanField(default=False)
    is_included = models.BooleanField(default=False)
    is_fixed = models.BooleanField(default=False)
    is_complex = models.BooleanField(default=False)
    is_public = models.BooleanField(default=False)
    is_allow_edit = models.BooleanField(default=True)
    position = models.IntegerField(default=0)
    min = models.IntegerField(null=True, blank=True)
    max = models.IntegerField(null=True, blank=True)
    main_language = models.CharField(max_length=16, blank=True, default="")
    translations = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["form", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "form", "form_id", "field_identifier"], name="uniq_custom_form_field_per_event"
            )
        ]

    def __str__(self):
        return f"{self.form}: {self.field_identifier}"
