"""/v1/users: sign-up, a user sees and edits only themself, admins all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import User
from tests.conftest import ApiClient, resource
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def signup(api, **attrs):
    attributes = {"email": "new@example.org", "password": "long-enough-pw", "first-name": "New"}
    attributes.update(attrs)
    return api.post("/v1/users", resource("user", attributes))


def test_signup_creates_user_without_leaking_password(api):
    response = signup(api)
    assert response.status_code == 201
    attributes = response.json()["data"]["attributes"]
    assert "password" not in attributes
    assert attributes["email"] == "new@example.org"
    assert attributes["first-name"] == "New"
    assert User.objects.get(email="new@example.org").check_password("long-enough-pw")


def test_signup_with_taken_email_says_check_your_mail_and_mails_the_owner(
    api, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(api, email="Taken@Example.org")
    assert response.status_code == 202
    assert response.json()["meta"]["message"].startswith("Check your mail")
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)
    assert [(m.to, m.subject) for m in mailoutbox] == [(["taken@example.org"], "You already have an eventyay account")]


def test_admin_creating_a_taken_email_gets_the_409(admin_api):
    UserFactory(email="taken@example.org")
    response = signup(admin_api, email="Taken@Example.org")
    assert response.status_code == 409
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/email"


def test_signup_with_short_password_is_422(api):
    response = signup(api, password="short")
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/password"
    assert not User.objects.exists()


def test_signup_with_bad_email_is_422(api):
    response = signup(api, email="not-an-email")
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/email"


def test_signup_cannot_make_itself_admin(api):
    response = signup(api, **{"is-admin": True})
    assert response.status_code == 403
    assert not User.objects.exists()


def test_user_lists_only_themself(user_api, user):
    UserFactory.create_batch(2)
    data = user_api.get("/v1/users").json()["data"]
    assert [d["id"] for d in data] == [str(user.pk)]


def test_anonymous_cannot_list_users(api):
    assert api.get("/v1/users").status_code == 401


def test_admin_lists_everyone(admin_api):
    UserFactory.create_batch(2)
    assert admin_api.get("/v1/users").json()["meta"]["count"] == 3


def test_user_cannot_see_other_user(user_api):
    other = UserFactory()
    assert user_api.get(f"/v1/users/{other.pk}").status_code == 404


def test_user_edits_themself(user_api, user):
    response = user_api.patch(f"/v1/users/{user.pk}", resource("user", {"first-name": "Grace"}, id=user.pk))
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.first_name == "Grace"


def test_user_changes_password_with_the_current_one(user, user_api):
    body = resource("user", {"password": "a-new-password", "current-password": PASSWORD}, id=user.pk)
    response = user_api.patch(f"/v1/users/{user.pk}", body)
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password("a-new-password")
    assert not user.check_password(PASSWORD)


def test_user_cannot_edit_other_user(user_api):
    other = UserFactory(first_name="Before")
    response = user_api.patch(f"/v1/users/{other.pk}", resource("user", {"first-name": "x"}, id=other.pk))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.first_name == "Before"


def test_user_cannot_grant_themself_admin(user_api, user):
    response = user_api.patch(f"/v1/users/{user.pk}", resource("user", {"is-admin": True}, id=user.pk))
    assert response.status_code == 403
    user.refresh_from_db()
    assert not user.is_admin


def test_super_admin_flag_is_read_only(super_admin):
    other = UserFactory()
    api = ApiClient(super_admin)
    api.patch(f"/v1/users/{other.pk}", resource("user", {"is-super-admin": True}, id=other.pk))
    other.refresh_from_db()
    assert not other.is_super_admin


def test_admin_grants_admin(admin_api):
    other = UserFactory()
    response = admin_api.patch(f"/v1/users/{other.pk}", resource("user", {"is-admin": True}, id=other.pk))
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.is_admin and other.is_staff


def test_user_deletes_own_account_softly(user_api, user):
    assert user_api.delete(f"/v1/users/{user.pk}").status_code == 200
    user.refresh_from_db()
    assert user.deleted_at is not None and not user.is_active


def test_derived_staff_flags():
    assert not UserFactory().is_staff
    admin = UserFactory(is_admin=True)
    assert admin.is_staff and not admin.is_superuser
    root = UserFactory(is_super_admin=True)
    assert root.is_staff and root.is_superuser


def test_users_list_query_count_does_not_grow(admin_api):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert admin_api.get("/v1/users").status_code == 200
        return len(ctx.captured_queries)

    one = count()
    UserFactory.create_batch(4)
    assert count() == one
