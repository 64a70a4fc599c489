from django.core.management.base import BaseCommand, CommandError
from django.utils.safestring import mark_safe

from eventyay.errors import DomainError
from notifications.services import notify
from roles.models import User


class Command(BaseCommand):
    help = (
        "Send a notification to a user (it reaches their open sockets on any server process). The message is "
        "the operator's own HTML (sanitized)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("title")
        parser.add_argument("message")
        parser.add_argument("--kind", default="message")

    def handle(self, *args, email, title, message, kind, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with email {email}.")
        try:
            notification = notify(user=user, kind=kind, title=title, message=mark_safe(message))
        except DomainError as exc:
            raise CommandError(exc.detail)
        self.stdout.write(f"notification {notification.pk} sent to {user.email}")
