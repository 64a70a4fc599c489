"""Sign-in, sign-up and sign-out pages (session auth, CSRF)."""

import pytest
from django.test import Client

from roles import services as user_services
from roles.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_page_renders_a_csrf_protected_form():
    response = Client().get("/login")
    assert response.status_code == 200
    assert b'name="csrfmiddlewaretoken"' in response.content


def test_sign_in_with_the_right_password_opens_the_dashboard():
    UserFactory(email="ada@example.org")
    client = Client()
    response = client.post("/login", {"username": "ada@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200


def test_sign_in_with_a_wrong_password_shows_an_error():
    UserFactory(email="ada@example.org")
    response = Client().post("/login", {"username": "ada@example.org", "password": "nope-nope"})
    assert response.status_code == 200
    assert b"Please enter a correct" in response.content


def test_sign_in_without_csrf_token_is_refused():
    UserFactory(email="ada@example.org")
    response = Client(enforce_csrf_checks=True).post("/login", {"username": "ada@example.org", "password": PASSWORD})
    assert response.status_code == 403


def test_sign_up_creates_an_unverified_user_and_says_check_your_mail(
    django_capture_on_commit_callbacks, monkeypatch, mailoutbox
):
    registered = []
    monkeypatch.setattr(user_services, "REGISTRATION_HOOKS", [*user_services.REGISTRATION_HOOKS, registered.append])
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/signup",
            {
                "email": "New@Example.org",
                "first_name": "New",
                "password": "long-enough-1",
                "password_again": "long-enough-1",
            },
        )
    assert response.status_code == 200
    assert b"Check your mail" in response.content
    user = User.objects.get(email="new@example.org")
    assert registered == [user.pk]
    assert not user.is_verified
    assert "Confirm your e-mail address" in [m.subject for m in mailoutbox]
    assert client.get("/dashboard").status_code == 302  # nobody is signed in by the sign-up itself


def test_sign_up_with_a_taken_email_answers_the_same_and_mails_the_owner(
    django_capture_on_commit_callbacks, mailoutbox
):
    UserFactory(email="taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        taken = Client().post(
            "/signup", {"email": "taken@example.org", "password": "long-enough-1", "password_again": "long-enough-1"}
        )
        fresh = Client().post(
            "/signup", {"email": "fresh@example.org", "password": "long-enough-1", "password_again": "long-enough-1"}
        )
    assert taken.status_code == fresh.status_code == 200
    assert taken.content.replace(b"taken@", b"X@") == fresh.content.replace(b"fresh@", b"X@")
    assert b"already exists" not in taken.content
    assert [m.subject for m in mailoutbox if m.to == ["taken@example.org"]] == ["You already have an eventyay account"]


def test_sign_up_with_mismatched_passwords_keeps_the_form():
    response = Client().post(
        "/signup", {"email": "x@example.org", "password": "long-enough-1", "password_again": "long-enough-2"}
    )
    assert response.status_code == 200
    assert b"The two passwords differ." in response.content
    assert b'value="x@example.org"' in response.content
    assert not User.objects.filter(email="x@example.org").exists()


def test_sign_up_with_a_short_password_shows_the_validator_message():
    response = Client().post("/signup", {"email": "x@example.org", "password": "short", "password_again": "short"})
    assert response.status_code == 200
    assert b"too short" in response.content


def test_sign_out_needs_post_and_ends_the_session():
    client = Client()
    client.force_login(UserFactory())
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/dashboard").status_code == 302
