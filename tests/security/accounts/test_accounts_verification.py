"""Issue 10, item 2 — e-mail addresses are verified before they grant anything.

The attack of the issue: an organizer invites victim@ as co-organizer; the attacker signs up with victim@ (or
changes their own address to it) and accepts. Over HTTP against a live server, that must fail, while the
invite link itself (its secret token) and the verified invitee still work. Sign-up and e-mail change never
tell whether an address has an account.
"""

import pytest

from events.services import event_create
from roles.auth import tokens_for
from roles.models import RoleInvite, UsersEventsRoles
from tests.factories import PASSWORD, UserFactory
from tests.servers import needs_postgres_and_redis

pytestmark = [pytest.mark.integration, needs_postgres_and_redis]


def user_doc(attributes, id=None):
    data = {"type": "user", "attributes": attributes}
    if id is not None:
        data["id"] = str(id)
    return {"data": data}


@pytest.fixture
def victim(unique_email):
    return unique_email("victim")


@pytest.fixture
def invited(live_url, http, mailbox, victim):
    """An event, its organizer, and a pending co-organizer invite for `victim` (sent over HTTP)."""
    from django.utils import timezone

    organizer = UserFactory()
    starts = timezone.now() + timezone.timedelta(days=20)
    event = event_create(
        actor=organizer, data={"name": "Target Conf", "starts_at": starts, "ends_at": starts + timezone.timedelta(1)}
    )
    api = http(live_url, token=tokens_for(organizer)["access_token"])
    doc = {"data": {"type": "role-invite", "attributes": {"email": victim, "role-name": "coorganizer"}}}
    response = api.jsonapi("POST", f"/v1/events/{event.pk}/role-invites", doc)
    assert response.status == 201, response
    return event, RoleInvite.objects.get(pk=response.json()["data"]["id"])


def attacker_session(live_url, http, email, password="attacker-pass-123"):
    """Sign up through the API with `email` and sign in: the attacker's token."""
    signup = http(live_url).jsonapi("POST", "/v1/users", user_doc({"email": email, "password": password}))
    assert signup.status == 201, signup
    login = http(live_url).post_json("/v1/auth/login", {"email": email, "password": password})
    assert login.status == 200, login
    body = signup.json()["data"]
    return http(live_url, token=login.json()["access_token"]), body["id"], body["attributes"]


def assert_no_role(event, user_id):
    assert not UsersEventsRoles.objects.filter(event=event, user_id=user_id).exists()


def test_signing_up_with_the_invitees_address_grants_nothing(live_url, http, invited, victim):
    event, invite = invited
    attacker, attacker_id, attributes = attacker_session(live_url, http, victim.upper())
    assert attributes["is-verified"] is False
    accept = {"data": {"type": "role-invite", "id": str(invite.pk), "attributes": {"status": "accepted"}}}
    assert attacker.jsonapi("PATCH", f"/v1/role-invites/{invite.pk}", accept).status == 404
    assert attacker.get(f"/v1/role-invites/{invite.pk}").status == 404
    assert attacker.get(f"/v1/events/{event.pk}/role-invites").status in (403, 404)
    notifications = attacker.get("/v1/notifications").json()["data"]
    assert [n for n in notifications if "Invitation" in n["attributes"]["title"]] == []
    assert_no_role(event, attacker_id)
    invite.refresh_from_db()
    assert invite.status == "pending"


def test_changing_ones_address_to_the_invitees_grants_nothing(live_url, http, invited, mailbox, victim, unique_email):
    event, invite = invited
    mallory = unique_email("mallory")
    attacker, attacker_id, _ = attacker_session(live_url, http, mallory)
    no_password = attacker.jsonapi("PATCH", f"/v1/users/{attacker_id}", user_doc({"email": victim}, attacker_id))
    assert no_password.status == 422
    assert no_password.json()["errors"][0]["source"]["pointer"] == "/data/attributes/current-password"
    changed = attacker.jsonapi(
        "PATCH",
        f"/v1/users/{attacker_id}",
        user_doc({"email": victim, "current-password": "attacker-pass-123"}, attacker_id),
    )
    assert changed.status == 200
    assert changed.json()["data"]["attributes"]["is-verified"] is False
    assert changed.json()["data"]["attributes"]["email"] == mallory  # waits for the link in the victim's mailbox
    accept = {"data": {"type": "role-invite", "id": str(invite.pk), "attributes": {"status": "accepted"}}}
    assert attacker.jsonapi("PATCH", f"/v1/role-invites/{invite.pk}", accept).status == 404
    guessed = attacker.post_json("/v1/role_invites/accept-invite", {"data": {"token": "0" * 64}})
    assert guessed.status == 404
    assert_no_role(event, attacker_id)
    # the confirmation link went to the victim's mailbox, not the attacker's
    assert "Confirm your new e-mail address" in [m["Subject"] for m in mailbox.to(victim)]
    assert "Confirm your new e-mail address" not in [m["Subject"] for m in mailbox.to(mallory)]


def test_the_invite_link_and_the_verified_invitee_still_work(live_url, http, invited, mailbox, victim):
    event, invite = invited
    # the invitee signs up, opens the verification link mailed to them, and accepts without the link token
    invitee, invitee_id, _ = attacker_session(live_url, http, victim, "rightful-owner-42")
    token = mailbox.link(victim, "/verify")
    assert http(live_url).post_json("/v1/auth/verify-email", {"data": {"token": token}}).status == 200
    accept = {"data": {"type": "role-invite", "id": str(invite.pk), "attributes": {"status": "accepted"}}}
    assert invitee.jsonapi("PATCH", f"/v1/role-invites/{invite.pk}", accept).status == 200
    assert UsersEventsRoles.objects.filter(event=event, user_id=invitee_id, role__name="coorganizer").exists()


def test_the_invite_link_token_accepts_for_whoever_holds_it(live_url, http, invited, mailbox, victim):
    event, invite = invited
    link_token = mailbox.link(victim, "/role-invites")
    colleague = UserFactory()
    api = http(live_url, token=tokens_for(colleague)["access_token"])
    response = api.post_json("/v1/role_invites/accept-invite", {"data": {"token": link_token}})
    assert response.status == 200, response
    assert UsersEventsRoles.objects.filter(event=event, user=colleague, role__name="coorganizer").exists()


def test_a_coorganizer_cannot_read_the_invite_secret(live_url, http, invited):
    event, invite = invited
    coorganizer = UserFactory()
    UsersEventsRoles.objects.create(user=coorganizer, event=event, role_id=_role_id("coorganizer"))
    api = http(live_url, token=tokens_for(coorganizer)["access_token"])
    listed = api.get(f"/v1/events/{event.pk}/role-invites").json()["data"]
    assert [item["attributes"]["hash"] for item in listed] == [None]
    assert invite.hash not in api.get(f"/v1/role-invites/{invite.pk}").text


def _role_id(name):
    from roles.models import Role

    return Role.objects.get(name=name).pk


def test_sign_up_does_not_tell_whether_an_address_has_an_account(live_url, http, mailbox, unique_email):
    known, unknown = unique_email("known"), unique_email("unknown")
    UserFactory(email=known)
    answers = []
    for address in (known, unknown):
        client = http(live_url)
        response = client.submit(
            "/signup", {"email": address, "password": "long-enough-1", "password_again": "long-enough-1"}
        )
        answers.append((response.status, response.text.replace(address, "ADDRESS")))
    assert answers[0] == answers[1]
    assert "Check your mail" in answers[0][1]
    assert [m["Subject"] for m in mailbox.to(known)] == ["You already have an eventyay account"]


def test_email_change_does_not_tell_whether_an_address_has_an_account(live_url, http, unique_email, live_user):
    known, unknown = unique_email("known"), unique_email("unknown")
    UserFactory(email=known)
    answers = []
    for address in (known, unknown):
        me = live_user()
        api = http(live_url, token=tokens_for(me)["access_token"])
        doc = user_doc({"email": address, "current-password": PASSWORD}, me.pk)
        response = api.jsonapi("PATCH", f"/v1/users/{me.pk}", doc)
        assert response.status == 200, response
        answers.append((response.status, response.json()["meta"]["message"].replace(address, "ADDRESS")))
    assert answers[0] == answers[1]
