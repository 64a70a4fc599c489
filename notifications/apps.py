from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"

    def ready(self):
        from notifications.services import welcome_new_user
        from roles.services import REGISTRATION_HOOKS

        if welcome_new_user not in REGISTRATION_HOOKS:
            REGISTRATION_HOOKS.append(welcome_new_user)
