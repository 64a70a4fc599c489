"""`manage.py search_rebuild`: rebuild the search indexes without downtime. Run it on every deploy (after
`migrate`); Celery beat also runs it weekly (`search-rebuild-weekly`)."""

from django.core.management.base import BaseCommand, CommandError

from events import search
from events.search import registry


class Command(BaseCommand):
    help = "Rebuild the search index of every searchable type in every configured backend, without downtime."

    def add_arguments(self, parser):
        parser.add_argument("--type", dest="kind", choices=[t.name for t in registry.all_types()])
        parser.add_argument("--backend", choices=["database", "elasticsearch"])
        parser.add_argument("--chunk-size", type=int, default=2000)

    def handle(self, *args, kind=None, backend=None, chunk_size=2000, **options):
        try:
            results = search.rebuild(kind=kind, backend=backend, chunk_size=chunk_size)
        except (LookupError, search.SearchUnavailable) as exc:
            raise CommandError(str(exc))
        for result in results:
            if "skipped" in result:
                self.stdout.write(self.style.WARNING(f"{result['type']} / {result['backend']}: {result['skipped']}"))
                continue
            details = ", ".join(f"{k}={v}" for k, v in result.items() if k not in ("type", "backend"))
            self.stdout.write(self.style.SUCCESS(f"{result['type']} / {result['backend']}: {details}"))
