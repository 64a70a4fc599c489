"""Template helpers for `eventyay.lists.ListQuery`: sortable column headers."""

from django import template
from django.utils.html import format_html

register = template.Library()

ARROWS = {"asc": " ▲", "desc": " ▼", "": ""}


@register.simple_tag
def sort_link(listing, key, label):
    """`{% sort_link orders "amount" "Amount" %}`: a header link that sorts by `key` (toggling direction)."""
    state = listing.sort_state(key)
    aria = {"asc": "ascending", "desc": "descending"}.get(state, "none")
    return format_html(
        '<a class="sort-link text-reset text-decoration-none" href="{}" data-sort="{}" aria-sort="{}">{}{}</a>',
        listing.sort_url(key),
        key,
        aria,
        label,
        ARROWS[state],
    )


@register.filter
def get_item(mapping, key):
    """`{{ counts|get_item:ticket.pk }}`."""
    if mapping is None:
        return None
    return mapping.get(key)
