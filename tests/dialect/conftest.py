"""Fixtures for the Open Event dialect tests: an organizer's published event, a stranger, an admin."""

import json

import pytest

from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient
from tests.factories import EventFactory, UserFactory


def give_role(user, event, role):
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role))
    return user


def oef(filters):
    """The Open Event filter parameter, as the client sends it."""
    return "filter=" + json.dumps(filters)


def ids(response):
    assert response.status_code == 200, response.content[:500]
    return [item["id"] for item in response.json()["data"]]


@pytest.fixture
def organizer(db):
    return UserFactory()


@pytest.fixture
def event(organizer):
    event = EventFactory(owner=organizer, name="Public conf")
    give_role(organizer, event, "organizer")
    return event


@pytest.fixture
def organizer_api(organizer):
    return ApiClient(organizer)


@pytest.fixture
def stranger_api(db):
    return ApiClient(UserFactory())


@pytest.fixture
def admin_api(db):
    return ApiClient(UserFactory(is_admin=True))


@pytest.fixture
def super_admin_api(db):
    return ApiClient(UserFactory(is_admin=True, is_super_admin=True))
