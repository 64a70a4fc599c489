"""Alternate e-mail addresses (user/user_emails.apib): a user keeps their own, admins see all; an alternate
address is stored unverified and grants nothing (no sign-in, no invites)."""

import pytest

from roles.models import Role, RoleInvite, UserEmail
from tests.conftest import ApiClient, resource
from tests.factories import PASSWORD, EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def add(api, address, kind="work", user=None):
    relationships = {"user": {"data": {"type": "user", "id": str(user.pk)}}} if user else None
    return api.post(
        "/v1/user-emails", resource("user-email", {"email-address": address, "type": kind}, relationships=relationships)
    )


def test_a_user_adds_reads_edits_and_deletes_an_alternate_address():
    user = UserFactory()
    api = ApiClient(user)
    created = add(api, "Work@Example.org")
    assert created.status_code == 201, created.content
    data = created.json()["data"]
    assert data["attributes"] == {
        "email-address": "work@example.org",
        "type": "work",
        "user-id": user.pk,
        "deleted-at": None,
    }
    pk = data["id"]
    mine = api.get(f"/v1/users/{user.pk}/alternate-emails").json()["data"]
    assert [row["id"] for row in mine] == [pk]
    patched = api.patch(
        f"/v1/user-emails/{pk}",
        resource(
            "user-email",
            {"email-address": "office@example.org", "type": "office"},
            id=pk,
            relationships={"user": {"data": {"type": "user", "id": str(user.pk)}}},
        ),
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["data"]["attributes"]["email-address"] == "office@example.org"
    assert api.delete(f"/v1/user-emails/{pk}").status_code == 200
    assert api.get(f"/v1/user-emails/{pk}").status_code == 404


def test_other_users_addresses_are_out_of_reach():
    owner, other = UserFactory(), UserFactory()
    pk = add(ApiClient(owner), "alt@example.org").json()["data"]["id"]
    api = ApiClient(other)
    assert api.get(f"/v1/user-emails/{pk}").status_code == 404
    assert api.patch(f"/v1/user-emails/{pk}", resource("user-email", {"type": "x"}, id=pk)).status_code == 404
    assert api.delete(f"/v1/user-emails/{pk}").status_code == 404
    assert api.get(f"/v1/users/{owner.pk}/alternate-emails").status_code == 404
    assert add(api, "sneaky@example.org", user=owner).status_code == 403
    assert api.get("/v1/admin/user-emails").status_code == 403


def test_admins_list_every_address(admin_api):
    add(ApiClient(UserFactory()), "a@example.org")
    add(ApiClient(UserFactory()), "b@example.org")
    rows = admin_api.get("/v1/admin/user-emails").json()["data"]
    assert sorted(row["attributes"]["email-address"] for row in rows) == ["a@example.org", "b@example.org"]


def test_bad_addresses_are_refused_without_writes():
    user = UserFactory(email="me@example.org")
    api = ApiClient(user)
    assert add(api, "not an address").status_code in (400, 422)
    assert add(api, "ME@example.org").status_code == 422
    assert add(api, "alt@example.org").status_code == 201
    assert add(api, "alt@example.org").status_code == 409
    assert UserEmail.objects.filter(user=user).count() == 1


def test_an_alternate_address_grants_no_sign_in_and_no_invite():
    user = UserFactory()
    event = EventFactory()
    add(ApiClient(user), "boss@example.org")
    assert UserEmail.objects.get().is_verified is False
    login = ApiClient().post(
        "/v1/auth/login", {"email": "boss@example.org", "password": PASSWORD}, content_type="application/json"
    )
    assert login.status_code == 401
    invite = RoleInvite.objects.create(
        email="boss@example.org", event=event, role=Role.objects.get(name="organizer"), hash="h" * 32
    )
    assert ApiClient(user).get(f"/v1/role-invites/{invite.pk}").status_code == 404
