from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Users and roles"

    def ready(self):
        from roles import invites, services

        if invites.notify_pending_invites not in services.REGISTRATION_HOOKS:
            services.REGISTRATION_HOOKS.append(invites.notify_pending_invites)

        from events.management.commands import load_demo
        from roles.demo import build_demo_roles

        if build_demo_roles not in load_demo.DEMO_BUILDERS:
            load_demo.DEMO_BUILDERS.append(build_demo_roles)
