from django import template

from notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    """`{% unread_notifications as count %}`: the signed-in user's unread count (0 when signed out)."""
    request = context.get("request")
    return unread_count(getattr(request, "user", None))
