"""Team: invite by e-mail with a role, revoke, change a member's role, remove (never the last organizer)."""

import pytest
from django.core import mail

from roles.invites import role_invite_create
from roles.models import RoleInvite
from tests.event_dashboard.conftest import grant, url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_invite_mails_and_notifies_the_invitee(organizer_client, event, django_capture_on_commit_callbacks):
    invitee = UserFactory(email="helper@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the mail is queued once the request commits
        response = organizer_client.post(
            url(event, "team/invite"), {"email": "Helper@Example.org", "role": "registrar"}
        )
    assert response.status_code == 302
    invite = RoleInvite.objects.get(event=event)
    assert (invite.email, invite.role.name, invite.status) == ("helper@example.org", "registrar", "pending")
    assert [m.to for m in mail.outbox] == [["helper@example.org"]]
    assert invite.hash in mail.outbox[0].body
    assert invitee.notifications.filter(kind="role_invite").count() == 1
    page = organizer_client.get(url(event, "team"))
    assert [i.email for i in page.context["invites"].rows] == ["helper@example.org"]


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"email": "not-an-email", "role": "registrar"}, "email", "Enter a valid email address."),
        ({"email": "a@example.org", "role": "attendee"}, "role",
         "Select a valid choice. attendee is not one of the available choices."),
        ({"email": "dup@example.org", "role": "moderator"}, "email",
         "This email already has a pending invite for this role."),
    ],
)  # fmt: skip
def test_a_bad_invite_is_an_error_next_to_its_field(organizer_client, event, data, field, message):
    role_invite_create(actor=event.owner, event=event, data={"email": "dup@example.org", "role_name": "moderator"})
    response = organizer_client.post(url(event, "team/invite"), data)
    assert response.status_code == 422
    assert response.context["invite_form"].errors[field] == [message]
    assert f'value="{data["email"]}"' in response.content.decode()
    assert RoleInvite.objects.filter(event=event).count() == 1


def test_revoke_deletes_a_pending_invite(organizer_client, event):
    invite = role_invite_create(
        actor=event.owner, event=event, data={"email": "x@example.org", "role_name": "moderator"}
    )
    assert organizer_client.post(url(event, f"team/invites/{invite.pk}/revoke")).status_code == 302
    assert not RoleInvite.objects.filter(pk=invite.pk).exists()


def test_change_a_members_role(organizer_client, event):
    member = grant(UserFactory(), event, "registrar")
    data = {"action": "change", f"m{member.pk}-role": "coorganizer"}
    assert organizer_client.post(url(event, f"team/members/{member.pk}"), data).status_code == 302
    member.refresh_from_db()
    assert member.role.name == "coorganizer"


def test_changing_to_a_role_already_held_merges_the_rows(organizer_client, event):
    user = UserFactory()
    grant(user, event, "coorganizer")
    registrar = grant(user, event, "registrar")
    organizer_client.post(
        url(event, f"team/members/{registrar.pk}"), {"action": "change", f"m{registrar.pk}-role": "coorganizer"}
    )
    assert list(event.user_roles.filter(user=user).values_list("role__name", flat=True)) == ["coorganizer"]


def test_the_last_organizer_can_neither_leave_nor_change_role(organizer_client, event, organizer):
    row = event.user_roles.get(user=organizer)
    response = organizer_client.post(url(event, f"team/members/{row.pk}"), {"action": "remove"}, follow=True)
    assert "The last organizer of an event cannot be removed." in response.content.decode()
    data = {"action": "change", f"m{row.pk}-role": "registrar"}
    response = organizer_client.post(url(event, f"team/members/{row.pk}"), data, follow=True)
    assert "The last organizer of an event keeps that role" in response.content.decode()
    row.refresh_from_db()
    assert row.role.name == "organizer"


def test_remove_a_member_when_another_organizer_stays(organizer_client, event):
    other = grant(UserFactory(), event, "organizer")
    assert organizer_client.post(url(event, f"team/members/{other.pk}"), {"action": "remove"}).status_code == 302
    assert not event.user_roles.filter(pk=other.pk).exists()


def test_an_invalid_role_change_changes_nothing(organizer_client, event):
    member = grant(UserFactory(), event, "registrar")
    response = organizer_client.post(
        url(event, f"team/members/{member.pk}"), {"action": "change", f"m{member.pk}-role": "attendee"}, follow=True
    )
    assert "Choose one of the roles offered." in response.content.decode()
    member.refresh_from_db()
    assert member.role.name == "registrar"
