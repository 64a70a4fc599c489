from django.db import transaction

from eventyay.sanitize import clean_html
from pages.models import Page


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
