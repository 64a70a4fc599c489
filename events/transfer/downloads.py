"""The link to a finished export: `/v1/tasks/<task_id>/download?token=…` (issue 10, item 13).

The token is signed with the server's secret and names the task and the user it was made for; it expires
after `EXPORT_LINK_SECONDS`. Like a presigned storage URL it works in a plain browser navigation (the Open
Event client opens the link; no Authorization header goes with it), and unlike one the view checks, on every
download, that the user it was made for still may export the event (`is_coorganizer`, as the export itself).
A fresh link is made each time the task is polled; the zip itself lives in private storage and is deleted
after `EXPORT_RETENTION_HOURS`.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from events.models import TransferTask
from roles import permissions as rules
from roles.models import User

SALT = "eventyay.events.export-download"


def download_path(task):
    token = signing.TimestampSigner(salt=SALT).sign_object({"t": task.task_id, "u": task.user_id})
    return f"{reverse('task-download', kwargs={'task_id': task.task_id})}?token={token}"


def downloadable(task_id, token):
    """The finished export `token` grants, or None (bad, expired or foreign token; the user may no longer
    export the event; nothing stored any more)."""
    if not token:
        return None
    try:
        claims = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=settings.EXPORT_LINK_SECONDS)
    except signing.BadSignature:  # expired links too (SignatureExpired)
        return None
    if not isinstance(claims, dict) or claims.get("t") != task_id:
        return None
    task = (
        TransferTask.objects.select_related("event")
        .filter(task_id=task_id, kind=TransferTask.Kind.EXPORT, user_id=claims.get("u"), finished_at__isnull=False)
        .exclude(file_name="")
        .first()
    )
    if task is None or task.event is None:
        return None
    user = User.objects.filter(pk=task.user_id, is_active=True).first()
    if user is None or getattr(user, "is_blocked", False) or getattr(user, "deleted_at", None) is not None:
        return None
    if not rules.check(user, "is_coorganizer", event=task.event):
        return None
    return task
