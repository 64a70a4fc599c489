"""Tell the buyer about their order: a bell notification and an e-mail (queued after commit)."""

from django.utils.html import format_html

from notifications.models import Notification
from notifications.services import notify, send_email

MESSAGES = {
    "completed": ("Your order for {event} is confirmed", "Order {identifier}: {seats} ticket(s), total {amount}."),
    "pending": (
        "Your order for {event} is reserved",
        "Order {identifier}: {seats} ticket(s), total {amount}. Please pay before {expires_at:%Y-%m-%d %H:%M} UTC; "
        "after that the seats are released.",
    ),
    "cancelled": ("Your order for {event} was cancelled", "Order {identifier} was cancelled; its seats are released."),
}


def announce_order(order):
    if order.user is None or order.status not in MESSAGES:
        return
    title, body = MESSAGES[order.status]
    values = {
        "event": order.event.name,
        "identifier": order.identifier,
        "seats": order.attendees.count(),
        "amount": order.amount,
        "expires_at": order.expires_at,
    }
    title, body = title.format(**values), body.format(**values)
    # the event's name is user text: `title` is escaped by notify(), `body` by format_html
    message = format_html("<p>{}</p>", body)
    notify(user=order.user, kind=Notification.Kind.MESSAGE, title=title, message=message, target=order)
    send_email(to=order.user.email, subject=title, body=body)
