from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"

    def ready(self):
        from notifications.services import end_revoked_sockets, welcome_new_user
        from roles.models import CREDENTIALS_REVOKED_HOOKS
        from roles.services import REGISTRATION_HOOKS

        if welcome_new_user not in REGISTRATION_HOOKS:
            REGISTRATION_HOOKS.append(welcome_new_user)
        if end_revoked_sockets not in CREDENTIALS_REVOKED_HOOKS:
            CREDENTIALS_REVOKED_HOOKS.append(end_revoked_sockets)

        from django.contrib.auth.signals import user_logged_out

        user_logged_out.connect(_close_session_sockets, dispatch_uid="notifications-close-session-sockets")

        from django.db.models.signals import post_migrate

        post_migrate.connect(_ensure_message_settings, sender=self)


def _ensure_message_settings(sender, app_config=None, using="default", apps=None, **kwargs):
    """The seeded message settings exist after every migrate and every flush (idempotent)."""
    import importlib

    from django.apps import apps as global_apps
    from django.db import connections

    models_from = apps if apps is not None else global_apps
    try:
        models_from.get_model("notifications", "MessageSetting")
    except LookupError:
        return
    if "notifications_messagesetting" not in connections[using].introspection.table_names():
        return
    importlib.import_module("notifications.migrations.0005_seed_message_settings").seed(models_from, None)


def _close_session_sockets(sender, request, user, **kwargs):
    from notifications.services import end_session_sockets

    if user is not None and request is not None and getattr(request, "session", None) is not None:
        end_session_sockets(user.pk, request.session.session_key)
