from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON:API layer as an app, so every process (web, worker, command) watches writes for the cache."""

    name = "eventyay.api"
    label = "eventyay_api"

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from eventyay.api.public_cache import watch_connection

        connection_created.connect(watch_connection, dispatch_uid="eventyay-api-watch-writes")
        for connection in connections.all(initialized_only=True):
            watch_connection(connection=connection)
