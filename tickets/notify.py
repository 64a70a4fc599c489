"""Tell the buyer about their order: a bell notification and an e-mail (queued after commit)."""

from django.utils.html import format_html

from notifications.dispatch import dispatch_task
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


def announce_order(order, seats=None):
    """The buyer's notification and e-mail for a new order (`seats`: the number of attendees, when the caller
    knows it, saves counting them again inside the order's locked transaction)."""
    if order.user is None or order.status not in MESSAGES:
        return
    title, body = MESSAGES[order.status]
    values = {
        "event": order.event.name,
        "identifier": order.identifier,
        "seats": order.attendees.count() if seats is None else seats,
        "amount": order.amount,
        "expires_at": order.expires_at,
    }
    title, body = title.format(**values), body.format(**values)
    # the event's name is user text: `title` is escaped by notify(), `body` by format_html
    message = format_html("<p>{}</p>", body)
    notify(user=order.user, kind=Notification.Kind.MESSAGE, title=title, message=message, target=order)
    send_email(to=order.user.email, subject=title, body=body)


def receipt_recipients(order):
    """Who gets the receipt: the buyer, else the attendees' addresses (deduplicated, in order)."""
    if order.user is not None and order.user.email:
        return [order.user.email]
    seen = []
    for attendee in order.attendees.all():
        if attendee.email and attendee.email.lower() not in (e.lower() for e in seen):
            seen.append(attendee.email)
    return seen


def send_receipt(order):
    """The order's receipt by e-mail, with its PDF attached (built and sent by a task after commit); returns
    the recipients."""
    recipients = receipt_recipients(order)
    if recipients:
        dispatch_task("tickets.send_receipt", [order.pk, recipients])
    return recipients
