"""The invite page: the e-mailed link (`/role-invites?token=…`) and the notification centre's link lead the
invitee to accept or decline; accepting opens the event's dashboard with the new role."""

import pytest
from django.test import Client

from events.services import event_create
from roles.invites import role_invite_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite():
    from datetime import timedelta

    from django.utils import timezone

    organizer = UserFactory()
    starts = timezone.now() + timedelta(days=5)
    event = event_create(actor=organizer, data={"name": "Invite Con", "starts_at": starts, "ends_at": starts})
    return role_invite_create(
        actor=organizer, event=event, data={"email": "helper@example.org", "role_name": "registrar"}
    )


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_token_link_accepts_and_opens_the_dashboard(invite):
    helper = UserFactory(email="helper@example.org", is_verified=True)
    client = signed_in(helper)
    page = client.get(f"/role-invites?token={invite.hash}")
    assert page.status_code == 200 and 'id="accept-invite"' in page.content.decode()
    response = client.post(f"/role-invites?token={invite.hash}", {"decision": "accept"})
    assert response["Location"] == f"/dashboard/events/{invite.event.identifier}/"
    assert invite.event.user_roles.filter(user=helper, role__name="registrar").exists()
    assert client.get(response["Location"]).status_code == 200


def test_the_centre_link_works_for_the_invitee_only(invite):
    helper = UserFactory(email="helper@example.org")
    assert signed_in(helper).get(f"/role-invites/{invite.pk}").status_code == 200
    assert signed_in(UserFactory()).get(f"/role-invites/{invite.pk}").status_code == 404


def test_the_link_is_the_credential_someone_else_holding_it_is_warned_then_may_accept(invite):
    holder = UserFactory(email="colleague@example.org")
    client = signed_in(holder)
    page = client.get(f"/role-invites?token={invite.hash}").content.decode()
    assert "This invitation was sent to helper@example.org" in page
    client.post(f"/role-invites?token={invite.hash}", {"decision": "accept"})
    assert invite.event.user_roles.filter(user=holder, role__name="registrar").exists()


def test_without_the_link_someone_else_cannot_accept(invite):
    intruder = UserFactory(email="intruder@example.org")
    response = signed_in(intruder).post(f"/role-invites/{invite.pk}", {"decision": "accept"})
    assert response.status_code == 404
    assert not invite.event.user_roles.filter(user=intruder).exists()


def test_decline(invite):
    helper = UserFactory(email="helper@example.org")
    signed_in(helper).post(f"/role-invites/{invite.pk}", {"decision": "decline"})
    invite.refresh_from_db()
    assert invite.status == "declined"


def test_an_unknown_token_is_404_and_signed_out_visitors_sign_in_first(invite):
    assert signed_in(UserFactory()).get("/role-invites?token=nope").status_code == 404
    response = Client().get(f"/role-invites?token={invite.hash}")
    assert response.status_code == 302 and response["Location"].startswith("/login?next=")
