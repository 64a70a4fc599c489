"""Tell the buyer about their order: a bell notification and an e-mail (queued after commit)."""

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
    notify(user=order.user, kind=Notification.Kind.MESSAGE, title=title, message=f"<p>{body}</p>", target=order)
    send_email(to=order.user.email, subject=title, body=body)
