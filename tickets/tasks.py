from celery import shared_task

from tickets import services


@shared_task(name="tickets.tasks.expire_pending_orders")
def expire_pending_orders():
    """Beat task: pending orders past `expires_at` become expired and their seats are released."""
    return services.expire_pending_orders()


@shared_task(name="tickets.send_receipt", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_receipt(order_id, recipients):
    """Mail the receipt of an order to `recipients`: the text in the body, the same as a PDF attachment."""
    from django.conf import settings
    from django.core.mail import EmailMessage

    from tickets import receipts

    order = receipts.load_order(order_id)
    if order is None or not recipients:
        return 0
    lines = receipts.receipt_lines(order)
    message = EmailMessage(
        f"Your receipt for {order.event.name}", "\n".join(lines) + "\n", settings.DEFAULT_FROM_EMAIL, list(recipients)
    )
    message.attach(receipts.receipt_filename(order), receipts.receipt_pdf(order, lines), "application/pdf")
    return message.send()
