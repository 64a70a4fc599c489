"""Demo data for the roles app (registered with `load_demo`'s DEMO_BUILDERS): the admin organizes the demo event."""

from roles.models import Role, UsersEventsRoles


def build_demo_roles(event, admin):
    UsersEventsRoles.objects.get_or_create(user=admin, event=event, role=Role.objects.get(name=Role.ORGANIZER))
