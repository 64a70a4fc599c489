"""The dashboard's event list and the Django admin's event list search the same way as the API (same
backends, typo and prefix matching, relevance order), over every event they list, drafts included."""

import re

import pytest
from django.test import Client

from roles.models import Role, UsersEventsRoles
from tests.factories import EventFactory, UserFactory
from tests.search.corpus import make_corpus


@pytest.fixture
def corpus(db, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_corpus()


def dashboard_names(html):
    return re.findall(r'<div class="fw-semibold">([^<]+)</div>', html)


def test_dashboard_searches_the_users_own_events(corpus, backend, django_capture_on_commit_callbacks):
    user = UserFactory()
    for key in ("berlin", "data", "draft"):
        UsersEventsRoles.objects.create(user=user, event=corpus[key], role=Role.objects.get(name=Role.ORGANIZER))
    client = Client()
    client.force_login(user)
    html = client.get("/dashboard?q=berlni").content.decode()
    assert dashboard_names(html) == ["Berlin Python Conference", "Berlin Secret Draft", "Data Science Day"]
    assert dashboard_names(client.get("/dashboard?q=wrkshop").content.decode()) == ["Data Science Day"]
    assert dashboard_names(client.get("/dashboard?q=vienna").content.decode()) == []  # not theirs
    assert 'id="no-matches"' in client.get("/dashboard?q=vienna").content.decode()
    assert len(dashboard_names(client.get("/dashboard").content.decode())) == 3


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(UserFactory(is_super_admin=True, is_admin=True))
    return client


def admin_names(response):
    assert response.status_code == 200
    return re.findall(r'<th class="field-name"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_admin_search_ranks_every_event(admin_client, corpus, backend):
    names = admin_names(admin_client.get("/admin/events/event/?q=berlin"))
    assert names[-1] == "Data Science Day"  # only its description says Berlin
    assert set(names) == {
        "Berlin Python Conference",
        "Data Science Day",
        "Berlin Secret Draft",
        "Berlin Deleted Meetup",
    }
    assert admin_names(admin_client.get("/admin/events/event/?q=kubernetse")) == ["Kubernetes Workshop"]


def test_admin_search_with_a_sorted_column_keeps_that_order(admin_client, corpus, backend):
    names = admin_names(admin_client.get("/admin/events/event/?q=berlin&o=1"))  # by name
    assert names == sorted(names)


def test_admin_search_by_owner_email_or_identifier(admin_client, db, backend):
    owner = UserFactory(email="owner@example.org")
    event = EventFactory(name="Owned Event", owner=owner)
    EventFactory(name="Other Event")
    assert admin_names(admin_client.get("/admin/events/event/?q=owner@example.org")) == ["Owned Event"]
    assert admin_names(admin_client.get(f"/admin/events/event/?q={event.identifier}")) == ["Owned Event"]
