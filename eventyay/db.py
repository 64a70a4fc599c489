"""Abstract model bases shared by every app."""

from django.db import models
from django.utils import timezone


class TimestampedModel(models.Model):
    """`created_at` and `modified_at`, timezone-aware UTC, kept by the model layer (never by clients)."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)


class SoftDeleteModel(TimestampedModel):
    """DELETE through the API sets `deleted_at` unless `?permanent=true`; GET hides such rows."""

    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        abstract = True

    def soft_delete(self):
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at", "modified_at"])
