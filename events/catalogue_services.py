"""Writes to the platform catalogues (event locations, custom placeholders, image sizes). Admins only call
these (the views check); the services keep the data sane: slugs are derived when missing and unique, image
size rows exist once per kind with the Open Event Server's defaults."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from events.content_services import PROTECTED_FIELDS
from events.models import CustomPlaceholder, EventLocation, ImageSize
from events.models.catalogues import IMAGE_SIZE_DEFAULTS
from eventyay.errors import ConflictError, DomainError


def _clean(data):
    return {k: v for k, v in data.items() if k not in PROTECTED_FIELDS and k != "type"}


def _save(instance, data):
    for field, value in data.items():
        setattr(instance, field, value)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ConflictError("Another row has this slug.", field="slug") from error
    return instance


@transaction.atomic
def event_location_create(*, actor, data):
    data = _clean(data)
    if not data.get("slug"):
        data["slug"] = slugify(data.get("name") or "")
    if not data["slug"]:
        raise DomainError("An event location needs a name or a slug.", field="name")
    return _save(EventLocation(), data)


@transaction.atomic
def event_location_update(*, actor, instance, data):
    return _save(instance, _clean(data))


@transaction.atomic
def custom_placeholder_create(*, actor, data):
    return CustomPlaceholder.objects.create(**_clean(data))


@transaction.atomic
def custom_placeholder_update(*, actor, instance, data):
    return _save(instance, _clean(data))


@transaction.atomic
def catalogue_delete(*, actor, instance, permanent=False):
    if hasattr(instance, "soft_delete") and not permanent:
        instance.soft_delete()
        return
    instance.delete()


def image_size(kind):
    """The image size row of `kind` (an `ImageSize.Kind`), made with the defaults on first use."""
    row, _ = ImageSize.objects.get_or_create(type=kind, defaults=IMAGE_SIZE_DEFAULTS[kind])
    return row


@transaction.atomic
def image_size_update(*, actor, instance, data):
    return _save(instance, _clean(data))
