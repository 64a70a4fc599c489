"""FAQs and FAQ types (seed 004: a separate resource keeps the categories controlled)."""

from django.db import models

from eventyay.db import SoftDeleteModel, TimestampedModel


class FaqType(TimestampedModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="faq_types")
    name = models.CharField(max_length=255)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class Faq(SoftDeleteModel):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="faqs")
    faq_type = models.ForeignKey(FaqType, null=True, blank=True, on_delete=models.SET_NULL, related_name="faqs")
    question = models.TextField()
    answer = models.TextField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.question[:80]
