from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Users and roles"

    def ready(self):
        from roles import invites, services

        if invites.notify_pending_invites not in services.REGISTRATION_HOOKS:
            services.REGISTRATION_HOOKS.append(invites.notify_pending_invites)
