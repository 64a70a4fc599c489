from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        from events.search import sync, tasks, types  # noqa: F401  (register the types and the Celery tasks)

        sync.connect()
