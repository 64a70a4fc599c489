"""Load a small demo data set (idempotent) and print the admin credentials.

Apps add their own demo rows through `DEMO_BUILDERS` (callables taking the demo event and the admin).
"""

import os
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events.models import Event
from roles.models import User

DEMO_BUILDERS = []
ADMIN_EMAIL = "admin@eventyay.local"


class Command(BaseCommand):
    help = "Load demo data: an admin account and a published event with tickets."

    @transaction.atomic
    def handle(self, *args, **options):
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "eventyay-admin")
        admin = User.objects.filter(email=ADMIN_EMAIL).first()
        if admin is None:
            admin = User.objects.create_superuser(ADMIN_EMAIL, password, first_name="Admin")
        event = Event.objects.filter(identifier="demo2026").first()
        if event is None:
            starts = (timezone.now() + timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
            event = Event.objects.create(
                identifier="demo2026",
                name="FOSSASIA Demo Summit",
                description="<p>A demo event loaded by <code>make run</code>.</p>",
                starts_at=starts,
                ends_at=starts + timedelta(days=2, hours=8),
                timezone="Asia/Singapore",
                location_name="Lifelong Learning Institute, Singapore",
                state=Event.State.PUBLISHED,
                owner=admin,
            )
        for build in DEMO_BUILDERS:
            build(event, admin)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"  Admin account: {ADMIN_EMAIL} / {password}")
        self.stdout.write(f"  Demo event:    /v1/events/{event.identifier}")
