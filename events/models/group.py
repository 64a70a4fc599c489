from django.conf import settings
from django.db import models

from eventyay.db import SoftDeleteModel


class Group(SoftDeleteModel):
    """A group of events run by one person (the Open Event `group` type). Followers and group roles come later
    (issue 14); a group here has its owner, its profile and its events (`Event.group`)."""

    name = models.CharField(max_length=255)
    about = models.TextField(blank=True, default="")
    logo_url = models.URLField(max_length=1000, blank=True, default="")
    banner_url = models.URLField(max_length=1000, blank=True, default="")
    thumbnail_image_url = models.URLField(max_length=1000, blank=True, default="")
    is_promoted = models.BooleanField(default=False)
    social_links = models.JSONField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="groups"
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name
