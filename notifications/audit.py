"""The audit log (activities) and the sent-mail log.

`record_activity(actor, action)` writes one activity in the caller's transaction (rolled back with it).
`log_mails(...)` records every queued e-mail per recipient; secrets in links (`token=…`) are redacted, so the
log never holds a working verification, reset or invitation link.
"""

import re

from notifications.platform_models import Activity, Mail, MessageSetting

_SECRET_IN_LINK = re.compile(r"([?&](?:token|hash)=)[^\s&\"'<>]+", re.IGNORECASE)


def actor_name(actor):
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    return actor.email


def record_activity(actor, action):
    return Activity.objects.create(actor=actor if isinstance(actor, str) else actor_name(actor), action=str(action))


def redact(text):
    return _SECRET_IN_LINK.sub(r"\1[redacted]", text or "")


def log_mails(recipients, subject, body, action=""):
    Mail.objects.bulk_create(
        Mail(recipient=recipient, subject=str(subject)[:998], message=redact(str(body)), action=action or "")
        for recipient in recipients
    )


#: mails about an account's security are always sent, whatever the message settings say
SECURITY_ACTIONS = {"verify_email", "account_exists", "change_email", "password_reset"}


def mail_enabled(action):
    """False when an admin switched this kind of mail off (a message setting with `enabled` false)."""
    if not action or action in SECURITY_ACTIONS:
        return True
    return not MessageSetting.objects.filter(action=action, enabled=False).exists()
