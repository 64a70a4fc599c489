"""An admin in the unmodified Open Event client: the admin area's overview, users, events, sales and settings."""

import pytest
from playwright.sync_api import expect

from events.models import Event
from tests.compat.test_visitor import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_admin_walks_the_admin_area(journey):
    page = journey.page
    # the overview asks GitHub (api.github.com) which client version is deployed; the journey keeps the outside
    # world out, so that fetch fails in the client: not an answer of ours
    journey.allow_errors(r"^page error: Network request failed$")
    sign_in(journey, journey.world.admin.email, journey.world.password)

    journey.goto("/admin")
    # the overview's user figures come from /v1/admin/statistics/users; "No. of Owners" reads its `owner`
    owners = Event.objects.filter(deleted_at__isnull=True, owner__isnull=False).values("owner").distinct().count()
    assert owners == 2  # the demo event's (the admin) and the organizer's own event
    expect(page.locator("tr:has(td:text-is('No. of Owners')) td.right.aligned")).to_have_text(str(owners))
    journey.step("overview")

    journey.goto("/admin/users")
    expect(page.get_by_text(journey.world.organizer.email).first).to_be_visible()
    journey.step("users")

    journey.goto("/admin/events")
    expect(page.get_by_text("FOSSASIA Demo Summit").first).to_be_visible()
    journey.step("events")

    journey.goto("/admin/sales")
    journey.step("sales")

    journey.goto("/admin/settings")
    journey.step("settings")
