"""Round trips through the dashboard in headless Chromium: check-in with an undo (no page reload), cancelling
an order (its seats come back), and inviting a co-organizer who accepts from the notification centre, then
changing their role, removing them and revoking another invite."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.services import event_create
from roles.invites import role_invite_create
from roles.models import UsersEventsRoles
from tests.e2e.conftest import screenshot, sign_in_with_cookie
from tests.event_dashboard.conftest import grant, place
from tests.factories import TicketFactory, UserFactory
from tickets import selectors
from tickets.models import Attendee, Order

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def event(transactional_db):
    organizer = UserFactory(email="olga@example.org", first_name="Olga", last_name="Organizer")
    starts = timezone.now().replace(microsecond=0) + timedelta(days=10)
    return event_create(
        actor=organizer, data={"name": "Round Trip Con", "starts_at": starts, "ends_at": starts + timedelta(days=1)}
    )


def base(event):
    return f"/dashboard/events/{event.identifier}/"


def test_registrar_checks_in_and_undoes_without_a_reload(page, live_server, event):
    from playwright.sync_api import expect

    ticket = TicketFactory(event=event, name="Community")
    ann = place(event, ticket, attendees=[{"firstname": "Ann", "lastname": "Lee"}]).attendees.get()
    place(event, ticket, attendees=[{"firstname": "Bob", "lastname": "Roe"}])
    registrar = UserFactory(email="reg@example.org")
    grant(registrar, event, "registrar")
    sign_in_with_cookie(page, registrar, live_server.url)
    page.goto(base(event) + "attendees?q=ann")
    row = page.locator(f".attendee-row[data-id='{ann.pk}']")
    expect(page.locator(".attendee-row")).to_have_count(1)
    page.evaluate("window.__sameDocument = true")

    row.locator(".checkin-toggle").click()
    expect(row).to_have_attribute("data-checked-in", "1")
    expect(row.locator(".checkin-state")).to_have_text("Checked in")
    expect(page.locator("#checkin-toast-text")).to_have_text("Ann Lee is checked in.")
    screenshot(page, "dashboard-check-in-toast")
    assert Attendee.objects.get(pk=ann.pk).is_checked_in is True

    page.click("#checkin-undo")
    expect(row).to_have_attribute("data-checked-in", "0")
    expect(page.locator("#checkin-toast-text")).to_have_text("Undone: Ann Lee is not checked in.")
    ann.refresh_from_db()
    assert (ann.is_checked_in, ann.checkin_times) == (False, "")

    row.locator(".checkin-toggle").click()
    expect(row.locator(".checkin-toggle")).to_have_text("Check out")
    row.locator(".checkin-toggle").click()
    expect(row.locator(".checkin-toggle")).to_have_text("Check in")
    ann.refresh_from_db()
    assert ann.is_checked_in is False and ann.checkin_times and ann.checkout_times
    assert page.evaluate("window.__sameDocument") is True  # never reloaded

    page.goto(base(event) + "attendees?checked_in=no")
    expect(page.locator(".attendee-row")).to_have_count(2)

    # an order that stopped being paid meanwhile: the toast says why, nothing changes
    bob = Attendee.objects.get(firstname="Bob")
    Order.objects.filter(pk=bob.order_id).update(status="pending")
    page.locator(f".attendee-row[data-id='{bob.pk}'] .checkin-toggle").click()
    expect(page.locator("#checkin-toast")).to_have_attribute("data-state", "error")
    expect(page.locator("#checkin-toast-text")).to_have_text(
        "This attendee's order is pending; only paid orders can be checked in."
    )
    assert Attendee.objects.get(pk=bob.pk).is_checked_in is False


def test_organizer_cancels_an_order_and_the_seats_come_back(page, live_server, event):
    from playwright.sync_api import expect

    ticket = TicketFactory(event=event, name="Community", quantity=10)
    order = place(event, ticket, quantity=3)
    sign_in_with_cookie(page, event.owner, live_server.url)
    page.goto(base(event))
    expect(page.locator(f"#ticket-sales tr[data-ticket='{ticket.pk}'] .remaining")).to_have_text("7")
    page.click("#dashboard-nav [data-page='orders']")
    page.click(f".order-row[data-identifier='{order.identifier}'] a")
    page.click("#cancel-order")  # the confirmation dialog is accepted
    expect(page.locator("#order-card")).to_have_attribute("data-status", "cancelled")
    expect(page.locator(".alert-success")).to_contain_text("its seats are free again")
    expect(page.locator("#order-attendees .seat").first).to_have_text("released")
    screenshot(page, "dashboard-order-cancelled")
    page.click("#dashboard-nav [data-page='overview']")
    expect(page.locator(f"#ticket-sales tr[data-ticket='{ticket.pk}'] .remaining")).to_have_text("10")
    assert selectors.availability(event, [ticket])[0]["available"] == 10


def test_invite_a_coorganizer_who_accepts_from_the_notification_centre(page, live_server, event):
    from playwright.sync_api import expect

    invitee = UserFactory(email="cora@example.org", first_name="Cora", is_verified=True)
    sign_in_with_cookie(page, event.owner, live_server.url)
    page.goto(base(event) + "team")
    page.fill("#id_invite_email", "not an address")
    page.click("#send-invite")
    expect(page.locator(".field-email .invalid-feedback")).to_have_text("Enter a valid email address.")
    screenshot(page, "dashboard-team-invite-error")
    page.fill("#id_invite_email", "cora@example.org")
    page.select_option("#id_invite_role", "coorganizer")
    page.click("#send-invite")
    expect(page.locator(".invite-row[data-email='cora@example.org']")).to_have_count(1)
    assert any(invitee.email in m.to for m in mail.outbox)

    other = page.context.browser.new_context(base_url=live_server.url)
    try:
        invitee_page = other.new_page()
        sign_in_with_cookie(invitee_page, invitee, live_server.url)
        invitee_page.goto("/dashboard")
        expect(invitee_page.locator("#notification-count")).to_have_text("1")
        invitee_page.click("#notification-bell-toggle")
        invitee_page.click("#notification-see-all")
        item = invitee_page.locator(".centre-item").first
        expect(item.locator(".centre-title")).to_contain_text("Invitation to be Co-organizer of Round Trip Con")
        screenshot(invitee_page, "notification-centre")
        item.locator(".centre-link").click()
        screenshot(invitee_page, "role-invite-page")
        invitee_page.click("#accept-invite")
        expect(invitee_page.locator("#event-header h1")).to_contain_text("Round Trip Con")
        expect(invitee_page.locator("#dashboard-nav [data-page='team']")).to_have_count(1)
    finally:
        other.close()

    page.reload()
    expect(page.locator(".member-row[data-email='cora@example.org']")).to_have_attribute("data-role", "coorganizer")
    expect(page.locator("#no-invites")).to_be_visible()
    assert UsersEventsRoles.objects.filter(user=invitee, event=event, role__name="coorganizer").exists()

    member = page.locator(".member-row[data-email='cora@example.org']")
    member.locator("select").select_option("registrar")
    member.locator("button[value=change]").click()
    expect(page.locator(".member-row[data-email='cora@example.org']")).to_have_attribute("data-role", "registrar")
    page.locator(".member-row[data-email='cora@example.org'] .remove-member").click()
    expect(page.locator(".member-row[data-email='cora@example.org']")).to_have_count(0)
    screenshot(page, "dashboard-team-after-round-trip")

    role_invite_create(actor=event.owner, event=event, data={"email": "gone@example.org", "role_name": "moderator"})
    page.reload()
    page.locator(".invite-row[data-email='gone@example.org'] .revoke-invite").click()
    expect(page.locator("#no-invites")).to_be_visible()
    expect(page.locator(".alert-success")).to_contain_text("The invite of gone@example.org is revoked.")
