"""`/v1/admin/statistics/mails`: the mails the platform sent lately (the sent-mail log), for admins."""

from eventyay.api.computed import ComputedView, resource
from notifications import selectors


class AdminMailStatisticsView(ComputedView):
    """One resource (id 1): mails sent in the past day, 3, 7 and 30 days."""

    def document(self, request):
        counts = selectors.mail_statistics()
        attributes = {key.replace("_", "-"): value for key, value in counts.items()}
        return resource("admin-statistics-mail", 1, attributes, request.path)
