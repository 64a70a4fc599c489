"""Permission-matrix rows for the admin reports added here: mail statistics and the invoices sales report
(see tests/matrix.py). Admins and super admins read them; anonymous gets 401, everyone else 403."""

from tests.matrix import Row, expect
from tests.ticket_types.factories import EventInvoiceFactory


def rows(world):
    EventInvoiceFactory(event=world.event)
    admins_only = expect(403, anonymous=401, admin=200, super_admin=200)
    return [
        Row("GET", "/v1/admin/statistics/mails", admins_only),
        Row("GET", "/v1/admin/sales/invoices", admins_only),
    ]
