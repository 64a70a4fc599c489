from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "tickets"

    def ready(self):
        from events.management.commands.load_demo import DEMO_BUILDERS
        from tickets import admin_billing  # noqa: F401  (admin pages of fees, taxes, invoices, tags, stations)
        from tickets.demo import build_demo_tickets

        if build_demo_tickets not in DEMO_BUILDERS:
            DEMO_BUILDERS.append(build_demo_tickets)
