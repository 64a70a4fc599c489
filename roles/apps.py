from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Users and roles"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_ensure_seeded, sender=self)

        from django.contrib.auth.signals import user_login_failed

        from roles import accounts, invites, services, throttle

        if accounts.registration_hook not in services.REGISTRATION_HOOKS:
            services.REGISTRATION_HOOKS.append(accounts.registration_hook)
        # pending invites are announced once the address is verified (not to whoever typed it at sign-up)
        if invites.notify_pending_invites not in accounts.EMAIL_VERIFIED_HOOKS:
            accounts.EMAIL_VERIFIED_HOOKS.append(invites.notify_pending_invites)
        user_login_failed.connect(throttle.on_login_failed, dispatch_uid="roles-login-throttle")

        from events.management.commands import load_demo
        from roles.demo import build_demo_roles

        if build_demo_roles not in load_demo.DEMO_BUILDERS:
            load_demo.DEMO_BUILDERS.append(build_demo_roles)


def _ensure_seeded(sender, app_config=None, using="default", apps=None, **kwargs):
    """Roles, services and the default matrix exist after every migrate and every flush (a flush empties the
    tables the seeding migration filled; tests that flush between cases rely on this). Idempotent."""
    import importlib

    from django.apps import apps as global_apps

    seed_migration = importlib.import_module("roles.migrations.0003_seed_roles_services_permissions")
    models_from = apps if apps is not None else global_apps
    try:
        models_from.get_model("roles", "Permission")
    except LookupError:  # migrating backwards past the roles tables
        return
    from django.db import connections

    if "roles_permission" not in connections[using].introspection.table_names():
        return
    seed_migration.seed(models_from, None)
