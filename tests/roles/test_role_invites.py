"""Role invites (seed 000): who may invite, who may accept, and acceptance creating exactly one role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification
from roles import invites
from roles.models import Role, RoleInvite, User, UsersEventsRoles
from tests.conftest import ApiClient, resource
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory()


@pytest.fixture
def organizer(event):
    user = UserFactory()
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name="organizer"))
    return user


def invite_doc(email, role="coorganizer"):
    return resource(
        "role-invite",
        {"email": email},
        relationships={"role": {"data": {"type": "role", "id": str(Role.objects.get(name=role).pk)}}},
    )


def create_invite(organizer, event, email, role="coorganizer"):
    response = ApiClient(organizer).post(f"/v1/events/{event.pk}/role-invites", invite_doc(email, role))
    assert response.status_code == 201, response.content
    return RoleInvite.objects.get(pk=response.json()["data"]["id"])


def set_status(user, invite, status):
    return ApiClient(user).patch(
        f"/v1/role-invites/{invite.pk}", resource("role-invite", {"status": status}, id=invite.pk)
    )


def test_organizer_invites_existing_user_who_is_notified(organizer, event):
    invitee = UserFactory(email="friend@example.org")
    invite = create_invite(organizer, event, "Friend@Example.org ")
    assert invite.email == "friend@example.org"
    assert invite.status == "pending" and len(invite.hash) == 64
    note = Notification.objects.get(user=invitee)
    assert note.kind == "role_invite"


def test_invite_by_role_name(organizer, event):
    response = ApiClient(organizer).post(
        f"/v1/events/{event.identifier}/role-invites",
        resource("role-invite", {"email": "x@example.org", "role-name": "track_organizer"}),
    )
    assert response.status_code == 201
    assert response.json()["data"]["attributes"]["role-name"] == "track_organizer"


def test_invite_without_role_or_as_attendee_is_422(organizer, event):
    client = ApiClient(organizer)
    url = f"/v1/events/{event.pk}/role-invites"
    assert client.post(url, resource("role-invite", {"email": "x@example.org"})).status_code == 422
    assert client.post(url, invite_doc("x@example.org", role="attendee")).status_code == 422


def test_duplicate_pending_invite_is_409(organizer, event):
    create_invite(organizer, event, "dup@example.org")
    response = ApiClient(organizer).post(f"/v1/events/{event.pk}/role-invites", invite_doc("DUP@example.org"))
    assert response.status_code == 409


def test_invitee_accepts_and_gets_the_role(organizer, event):
    invitee = UserFactory(email="friend@example.org")
    invite = create_invite(organizer, event, "friend@example.org")
    response = set_status(invitee, invite, "accepted")
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["status"] == "accepted"
    assert UsersEventsRoles.objects.filter(user=invitee, event=event, role__name="coorganizer").count() == 1


def test_double_accept_creates_one_role(organizer, event):
    invitee = UserFactory(email="friend@example.org")
    invite = create_invite(organizer, event, "friend@example.org")
    assert set_status(invitee, invite, "accepted").status_code == 200
    assert set_status(invitee, invite, "accepted").status_code == 200
    invites.role_invite_accept(actor=invitee, invite=invite)
    assert UsersEventsRoles.objects.filter(user=invitee, event=event, role__name="coorganizer").count() == 1


def test_stranger_cannot_accept_someone_elses_invite(organizer, event):
    UserFactory(email="friend@example.org")
    invite = create_invite(organizer, event, "friend@example.org")
    stranger = UserFactory()
    assert set_status(stranger, invite, "accepted").status_code == 404
    assert ApiClient(stranger).get(f"/v1/role-invites/{invite.pk}").status_code == 404
    invite.refresh_from_db()
    assert invite.status == "pending"
    assert not UsersEventsRoles.objects.filter(user=stranger).exists()


def test_organizer_cannot_change_status(organizer, event):
    invite = create_invite(organizer, event, "friend@example.org")
    response = set_status(organizer, invite, "accepted")
    assert response.status_code == 403
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/status"
    invite.refresh_from_db()
    assert invite.status == "pending"


def test_invitee_may_change_only_status(organizer, event):
    invitee = UserFactory(email="friend@example.org")
    invite = create_invite(organizer, event, "friend@example.org")
    doc = resource("role-invite", {"email": "friend@example.org", "role-name": "organizer"}, id=invite.pk)
    assert ApiClient(invitee).patch(f"/v1/role-invites/{invite.pk}", doc).status_code == 403
    invite.refresh_from_db()
    assert invite.role.name == "coorganizer"


def test_organizer_edits_other_fields(organizer, event):
    invite = create_invite(organizer, event, "friend@example.org")
    doc = resource("role-invite", {"email": "Other@example.org", "role-name": "moderator"}, id=invite.pk)
    response = ApiClient(organizer).patch(f"/v1/role-invites/{invite.pk}", doc)
    assert response.status_code == 200
    invite.refresh_from_db()
    assert (invite.email, invite.role.name) == ("other@example.org", "moderator")


def test_invite_waits_for_signup_and_verification_then_the_new_user_accepts(
    organizer, event, api, mailoutbox, django_capture_on_commit_callbacks
):
    invite = create_invite(organizer, event, "later@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/v1/users", resource("user", {"email": "Later@example.org", "password": "long-enough-pw"}))
    assert response.status_code == 201
    newcomer = User.objects.get(email="later@example.org")
    client = ApiClient(newcomer)
    # an unverified address grants nothing: no notification, the invite is not theirs to read or accept
    assert Notification.objects.filter(user=newcomer, kind="role_invite").count() == 0
    assert client.get(f"/v1/role-invites/{invite.pk}").status_code == 404
    [verification] = [m for m in mailoutbox if m.subject == "Confirm your e-mail address"]
    token = verification.body.split("/verify?token=")[1].split()[0]
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post("/v1/auth/verify-email", {"data": {"token": token}}).status_code == 200
    assert Notification.objects.filter(user=newcomer, kind="role_invite").count() == 1
    newcomer.refresh_from_db()
    client = ApiClient(newcomer)
    assert client.get(f"/v1/role-invites/{invite.pk}").status_code == 200
    assert set_status(newcomer, invite, "accepted").status_code == 200
    assert UsersEventsRoles.objects.filter(user=newcomer, event=event, role__name="coorganizer").exists()


def test_declined_invite_grants_nothing_and_accepted_cannot_be_declined(organizer, event):
    invitee = UserFactory(email="friend@example.org")
    invite = create_invite(organizer, event, "friend@example.org")
    assert set_status(invitee, invite, "declined").status_code == 200
    assert not UsersEventsRoles.objects.filter(user=invitee).exists()
    other = create_invite(organizer, event, "friend@example.org", role="moderator")
    assert set_status(invitee, other, "accepted").status_code == 200
    assert set_status(invitee, other, "declined").status_code == 422
    assert set_status(invitee, invite, "bogus").status_code == 422


def test_event_invite_list_query_count_is_constant(organizer, event):
    client = ApiClient(organizer)
    url = f"/v1/events/{event.pk}/role-invites?include=role"
    create_invite(organizer, event, "a0@example.org")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(1, 5):
        create_invite(organizer, event, f"a{n}@example.org", role="moderator")
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(url).json()["data"]) == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_invite_link_tells_whom_it_is_for(organizer, event, api):
    invite = create_invite(organizer, event, "nobody-yet@example.org")
    response = api.post("/v1/role_invites/user", {"data": {"token": invite.hash}}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"email": "nobody-yet@example.org", "is_registered": False}
    assert api.post("/v1/role_invites/user", {"data": {"token": "nope"}}).status_code == 404
    assert api.post("/v1/role_invites/user", {"data": {}}).status_code == 400


def test_accept_by_token_works_for_the_link_holder_and_is_idempotent(organizer, event):
    """The link's secret token is the invitation (the invitee may have signed up with another address)."""
    holder = UserFactory(email="friend-at-work@example.org")
    invite = create_invite(organizer, event, "friend@example.org")
    body = {"data": {"token": invite.hash}}
    for _ in range(2):
        response = ApiClient(holder).post("/v1/role_invites/accept-invite", body)
        assert response.status_code == 200
    assert response.json()["event"] == event.pk and response.json()["role"] == "coorganizer"
    assert UsersEventsRoles.objects.filter(user=holder, event=event).count() == 1


def test_accept_without_the_token_needs_the_verified_invitee_address(organizer, event):
    invite = create_invite(organizer, event, "victim@example.org")
    squatter = UserFactory(email="victim@example.org", is_verified=False)
    assert set_status(squatter, invite, "accepted").status_code == 404  # not theirs to see, let alone accept
    assert not UsersEventsRoles.objects.filter(user=squatter, event=event).exists()
    squatter.is_verified = True
    squatter.save()
    assert set_status(squatter, invite, "accepted").status_code == 200


def test_a_wrong_token_accepts_nothing(organizer, event):
    create_invite(organizer, event, "friend@example.org")
    response = ApiClient(UserFactory()).post("/v1/role_invites/accept-invite", {"data": {"token": "0" * 64}})
    assert response.status_code == 404


def test_the_invite_hash_is_shown_to_organizers_only(organizer, event):
    invite = create_invite(organizer, event, "friend@example.org")
    coorganizer = UserFactory()
    UsersEventsRoles.objects.create(user=coorganizer, event=event, role=Role.objects.get(name="coorganizer"))
    url = f"/v1/role-invites/{invite.pk}"
    assert ApiClient(organizer).get(url).json()["data"]["attributes"]["hash"] == invite.hash
    assert ApiClient(coorganizer).get(url).json()["data"]["attributes"]["hash"] is None
    invitee = UserFactory(email="friend@example.org")
    assert ApiClient(invitee).get(url).json()["data"]["attributes"]["hash"] is None


def test_invitee_without_account_is_emailed_the_accept_link(
    organizer, event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite = create_invite(organizer, event, "Stranger@Example.org")
    [mail] = [m for m in mailoutbox if "Invitation" in m.subject]
    assert mail.to == ["stranger@example.org"]
    assert f"/role-invites?token={invite.hash}" in mail.body
    assert event.name in mail.subject


def test_resend_invite_mails_a_pending_invite_again(organizer, event, mailoutbox, django_capture_on_commit_callbacks):
    """The team page's "Resend invite" (`POST /v1/role-invites/<id>/resend-invite`, as the Open Event client
    posts it): the organizer gets `{"success": true}` and the invitee the same link again."""
    invite = create_invite(organizer, event, "crew@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = ApiClient(organizer).post(f"/v1/role-invites/{invite.pk}/resend-invite")
    assert response.status_code == 200, response.content
    assert response.json() == {"success": True}
    [mail] = mailoutbox
    assert mail.to == ["crew@example.org"] and f"/role-invites?token={invite.hash}" in mail.body


def test_resend_invite_is_for_organizers_and_pending_invites_only(organizer, event, mailoutbox):
    invite = create_invite(organizer, event, "crew@example.org")
    coorganizer = UserFactory()
    UsersEventsRoles.objects.create(user=coorganizer, event=event, role=Role.objects.get(name="coorganizer"))
    url = f"/v1/role-invites/{invite.pk}/resend-invite"
    assert ApiClient(coorganizer).post(url).status_code == 403  # reads the team's invites, may not invite
    assert ApiClient(UserFactory()).post(url).status_code == 404  # cannot see the invite
    assert ApiClient(organizer).post("/v1/role-invites/999999/resend-invite").status_code == 404
    invite.status = RoleInvite.Status.DECLINED
    invite.save()
    mailoutbox.clear()
    response = ApiClient(organizer).post(url)
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/attributes/status"}
    assert mailoutbox == []
