"""The order receipt: its text (the mail's body) and its PDF (the mail's attachment), both from the same lines.

Built in the worker that sends the mail (`tickets.tasks.send_receipt`), from the order as it is then."""

from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from tickets.models import Order


def receipt_lines(order):
    """The receipt as lines of text: the heading, one line per ticket holder, the total and the state."""
    currency = order.event.payment_currency or ""
    lines = [f"Receipt for order {order.identifier} — {order.event.name}", ""]
    for attendee in order.attendees.filter(deleted_at__isnull=True).select_related("ticket").order_by("pk"):
        holder = f"{attendee.firstname} {attendee.lastname}".strip() or attendee.email or "—"
        lines.append(f"  {attendee.ticket.name}: {attendee.price} {currency} ({holder})")
    lines += ["", f"Total: {order.amount} {currency}", f"State: {order.get_status_display()}"]
    if order.completed_at:
        lines.append(f"Paid: {order.completed_at:%Y-%m-%d %H:%M} UTC")
    return lines


def receipt_pdf(order, lines=None):
    """The receipt as a one-or-more-page A4 PDF (bytes)."""
    lines = receipt_lines(order) if lines is None else lines
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(f"Receipt {order.identifier}")
    width, height = A4
    top, bottom, step = height - 25 * mm, 20 * mm, 6 * mm
    y = top
    for index, line in enumerate(lines):
        if y < bottom:
            pdf.showPage()
            y = top
        pdf.setFont("Helvetica-Bold" if index == 0 else "Helvetica", 13 if index == 0 else 10)
        pdf.drawString(20 * mm, y, line)
        y -= step
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def receipt_filename(order):
    return f"receipt-{order.identifier}.pdf"


def load_order(order_id):
    return Order.objects.select_related("event").filter(pk=order_id).first()
