"""Seeds the event roles, the event services and the default Role × Service permission matrix."""

from django.db import migrations

ROLES = [
    ("organizer", "Organizer"),
    ("coorganizer", "Co-organizer"),
    ("track_organizer", "Track Organizer"),
    ("moderator", "Moderator"),
    ("registrar", "Registrar"),
    ("attendee", "Attendee"),
]

SERVICES = [
    "track",
    "session",
    "speaker",
    "sponsor",
    "microlocation",
    "session_type",
    "social_link",
    "ticket",
    "discount_code",
    "access_code",
    "custom_form",
    "faq",
    "faq_type",
    "order",
    "attendee",
    "event",
    "stripe_authorization",
    "role_invite",
]

#: services a co-organizer may also create (event content)
CONTENT = {
    "track",
    "session",
    "speaker",
    "sponsor",
    "microlocation",
    "session_type",
    "social_link",
    "faq",
    "faq_type",
    "custom_form",
}


def default_matrix():
    """{(role, service): (create, read, update, delete)} for every role × service."""
    matrix = {}
    for role, _ in ROLES:
        for service in SERVICES:
            flags = (False, False, False, False)
            if role == "organizer":
                flags = (True, True, True, True)
            elif role == "coorganizer":
                flags = (service in CONTENT, True, True, False)
            elif role == "track_organizer" and service in ("track", "session"):
                flags = (False, True, True, False)
            elif role == "moderator" and service in ("track", "session"):
                flags = (False, True, False, False)
            elif role == "registrar" and service in ("attendee", "order"):
                flags = (False, True, False, False)
            matrix[(role, service)] = flags
    return matrix


def seed(apps, schema_editor):
    Role = apps.get_model("roles", "Role")
    Service = apps.get_model("roles", "Service")
    Permission = apps.get_model("roles", "Permission")
    roles = {}
    for name, title in ROLES:
        roles[name], _ = Role.objects.update_or_create(name=name, defaults={"title_name": title})
    services = {name: Service.objects.get_or_create(name=name)[0] for name in SERVICES}
    for (role, service), (c, r, u, d) in default_matrix().items():
        Permission.objects.get_or_create(
            role=roles[role],
            service=services[service],
            defaults={"can_create": c, "can_read": r, "can_update": u, "can_delete": d},
        )


def unseed(apps, schema_editor):
    apps.get_model("roles", "Permission").objects.all().delete()
    apps.get_model("roles", "Service").objects.filter(name__in=SERVICES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0002_role_service_roleinvite_permission_userseventsroles"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
