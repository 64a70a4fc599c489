"""`{{ event.starts_at|in_zone:event.timezone }}`: a date shown in the event's time zone — and still shown (in
UTC) for a stored date at the very edge of the calendar, where converting it would overflow."""

import zoneinfo

from django import template
from django.utils.dateformat import format as date_format

register = template.Library()

FORMAT = "D, j M Y H:i"


@register.filter
def in_zone(value, zone_name):
    if value is None:
        return ""
    try:
        local = value.astimezone(zoneinfo.ZoneInfo(zone_name or "UTC"))
    except (OverflowError, zoneinfo.ZoneInfoNotFoundError, ValueError):
        local = value
    return date_format(local, FORMAT)
