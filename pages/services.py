from django.db import transaction

from eventyay.errors import DomainError
from eventyay.sanitize import clean_html
from pages.models import Page, Setting


def _clean(data):
    if "description" in data:
        data["description"] = clean_html(data["description"])
    return data


@transaction.atomic
def page_create(*, actor, data):
    return Page.objects.create(**_clean(dict(data)))


@transaction.atomic
def page_update(*, actor, instance, data):
    for field, value in _clean(dict(data)).items():
        setattr(instance, field, value)
    instance.save()
    return instance


@transaction.atomic
def page_delete(*, actor, instance):
    instance.delete()


@transaction.atomic
def setting_update(*, actor, instance, data):
    """Super admins change the platform settings (the view checks who; unknown names are refused here)."""
    setting = Setting.objects.select_for_update().get(pk=instance.pk)
    allowed = set(Setting.field_names())
    for field, value in data.items():
        if field not in allowed:
            raise DomainError(f"Unknown setting {field!r}.", field=field)
        setattr(setting, field, value)
    if setting.order_expiry_time is not None and not 1 <= setting.order_expiry_time <= 60:
        raise DomainError("order-expiry-time must be between 1 and 60 minutes.", field="order_expiry_time")
    setting.save()
    return setting
