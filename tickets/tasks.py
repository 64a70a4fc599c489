from celery import shared_task

from tickets import services


@shared_task(name="tickets.tasks.expire_pending_orders")
def expire_pending_orders():
    """Beat task: pending orders past `expires_at` become expired and their seats are released."""
    return services.expire_pending_orders()
