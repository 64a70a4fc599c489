"""Permission-matrix rows for the routes and methods the blueprint replay work added (see tests/matrix.py)."""

from roles.models import Role, Service
from tests.conftest import resource
from tests.factories import AccessCodeFactory, NotificationFactory
from tests.matrix import Row, expect
from tests.ticket_types.factories import TaxFactory
from tests.ticket_types.matrix_rows import MANAGERS, allowed, event_link, twin_event
from tickets.models import StripeAuthorization

ADMINS = {"admin": 200, "super_admin": 200}
ADMIN_ONLY = expect(403, anonymous=401, **ADMINS)


def alias_rows(world):
    """`/v1/tax/…` and `/v1/stripe-authorizations/…` (the blueprint's paths) answer as `/v1/taxes/…` and
    `/v1/stripe-authorization/…` do."""
    # twins of world.event (same team, published): other modules' rows give world.event its one tax and its one
    # Stripe authorization; `fresh` has neither yet (the POST rows)
    twin, fresh = twin_event(world), twin_event(world)
    tax = TaxFactory(event=twin)
    stripe = StripeAuthorization.objects.create(event=twin, stripe_auth_code="ac_alias")
    tax_body = resource("tax", {"name": "GST", "rate": "5", "tax-id": "GST-1"}, relationships=event_link(fresh))
    stripe_body = resource("stripe-authorization", {"stripe-auth-code": "ac_new"}, relationships=event_link(fresh))
    organizer_only = allowed(200, ("organizer",), default=404)
    return [
        Row("GET", "/v1/tax", expect(200)),
        Row("POST", "/v1/tax", allowed(201, MANAGERS), body=tax_body),
        Row("GET", f"/v1/tax/{tax.pk}", expect(200)),
        Row("PATCH", f"/v1/tax/{tax.pk}", allowed(200, MANAGERS), body=resource("tax", {"rate": "7"}, id=tax.pk)),
        Row("DELETE", f"/v1/tax/{tax.pk}", allowed(200, MANAGERS)),
        Row("GET", f"/v1/tax/{tax.pk}/event", expect(200)),
        Row("GET", f"/v1/tax/{tax.pk}/relationships/event", expect(200)),
        Row("POST", "/v1/stripe-authorizations", allowed(201, ("organizer",)), body=stripe_body),
        Row("GET", f"/v1/stripe-authorizations/{stripe.pk}", organizer_only),
        Row(
            "PATCH",
            f"/v1/stripe-authorizations/{stripe.pk}",
            organizer_only,
            body=resource("stripe-authorization", {"stripe-publishable-key": "pk_x"}, id=stripe.pk),
        ),
        Row("DELETE", f"/v1/stripe-authorizations/{stripe.pk}", organizer_only),
        Row("GET", f"/v1/stripe-authorizations/{stripe.pk}/event", organizer_only),
        Row("GET", f"/v1/stripe-authorizations/{stripe.pk}/relationships/event", organizer_only),
    ]


def rows(world):
    role = Role.objects.create(name="matrix-helper", title_name="Helper")
    organizer = Role.objects.get(name=Role.ORGANIZER)
    service = Service.objects.get(name="track")
    owner = world.users["user"]
    notification = NotificationFactory(user=owner)
    inactive = AccessCodeFactory(event=world.event, code="MATRIXOFF", is_active=False)
    same_name = resource("service", {"name": "track"}, id=service.pk)
    managers = expect(404, organizer=200, coorganizer=200, **ADMINS)
    return [
        Row("GET", "/v1/users/user-details/get-user-id", expect(200, anonymous=401)),
        Row(
            "POST",
            "/v1/roles",
            expect(403, anonymous=401, admin=201, super_admin=201),
            body=resource("role", {"name": "matrix-new", "title-name": "New"}),
        ),
        Row("PATCH", f"/v1/roles/{role.pk}", ADMIN_ONLY, body=resource("role", {"title-name": "Aide"}, id=role.pk)),
        Row("DELETE", f"/v1/roles/{role.pk}", ADMIN_ONLY),
        Row("DELETE", f"/v1/roles/{organizer.pk}", expect(403, anonymous=401, admin=409, super_admin=409)),
        Row("PATCH", f"/v1/services/{service.pk}", ADMIN_ONLY, body=same_name),
        Row("DELETE", f"/v1/notifications/{notification.pk}", expect(404, anonymous=401, user=200)),
        Row("GET", "/v1/discount-codes", ADMIN_ONLY),
        Row("GET", f"/v1/events/{world.event.pk}/access-codes/{inactive.code}", managers),
        *alias_rows(world),
        *import_job_rows(world),
    ]


def import_job_rows(world):
    """`/v1/import-jobs`: a user's own imports (admins: everyone's); read only."""
    from events.models import TransferTask

    job = TransferTask.objects.create(task_id="matrix-import", user=world.users["user"], kind="import")
    own = expect(404, anonymous=401, user=200, **ADMINS)
    return [
        Row("GET", "/v1/import-jobs", expect(200, anonymous=401)),
        Row("GET", f"/v1/import-jobs/{job.pk}", own),
        Row("GET", f"/v1/import-jobs/{job.pk}/user", own),
        Row("GET", f"/v1/import-jobs/{job.pk}/relationships/user", own),
        Row("GET", f"/v1/import-jobs/{job.pk}/event", own),
        Row("GET", f"/v1/import-jobs/{job.pk}/relationships/event", own),
        Row("DELETE", f"/v1/import-jobs/{job.pk}", expect(405)),
    ]
