"""Celery tasks of the notifications app: thin, strings in."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives


@shared_task(name="notifications.send_email", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(recipients, subject, body, html_body=None):
    """Send one e-mail through Django's mail framework (the configured EMAIL_BACKEND)."""
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, list(recipients))
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


@shared_task(name="notifications.notify")
def notify(user_id, kind, title, message):
    """Notify a user from a worker (for producers that only hold ids); a missing user is skipped. `title` and
    `message` arrive as text and are shown as text."""
    from notifications import services
    from roles.models import User

    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None
    return services.notify(user=user, kind=kind, title=title, message=message).pk


@shared_task(name="notifications.drain_outbox")
def drain_outbox():
    """Beat task: send the tasks and pushes that waited in the outbox while Redis was away."""
    from notifications.dispatch import drain

    return drain()
