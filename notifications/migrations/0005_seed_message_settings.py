from django.db import migrations

#: the mails admins may switch off (action → recipient, subject, message); security mails are not among them
DEFAULTS = {
    "event_role": (
        "User",
        "Invitation to be {role} at {event}",
        "Hello {email},<br><br>You have been invited to be a <strong>{role}</strong> at <strong>{event}</strong>.",
    ),
    "user_register": ("User", "Welcome to eventyay", "Your eventyay account is ready."),
}


def seed(apps, schema_editor):
    MessageSetting = apps.get_model("notifications", "MessageSetting")
    for action, (recipient, subject, message) in DEFAULTS.items():
        MessageSetting.objects.get_or_create(
            action=action, defaults={"recipient": recipient, "email_subject": subject, "email_message": message}
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_mail_and_audit_types")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
