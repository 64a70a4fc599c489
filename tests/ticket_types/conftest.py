import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient
from tests.factories import EventFactory, UserFactory


def give_role(user, event, role):
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role))
    return user


@pytest.fixture
def organizer(db):
    return UserFactory()


@pytest.fixture
def event(organizer):
    event = EventFactory(owner=organizer)
    give_role(organizer, event, "organizer")
    return event


@pytest.fixture
def organizer_api(organizer):
    return ApiClient(organizer)


@pytest.fixture
def admin_api(db):
    return ApiClient(UserFactory(is_admin=True))


@pytest.fixture
def outsider_api(db):
    """The organizer of another event."""
    other = UserFactory()
    give_role(other, EventFactory(owner=other), "organizer")
    return ApiClient(other)


@pytest.fixture
def registrar_api(event):
    return ApiClient(give_role(UserFactory(), event, "registrar"))


def assert_constant_queries(api, url, add, django_assert_max_num_queries, count=5):
    """The list at `url` costs no more queries with `count` rows than with one (`add()` adds a row)."""
    add()
    with CaptureQueriesContext(connection) as one:
        response = api.get(url)
        assert response.status_code == 200
    assert len(response.json()["data"]) == 1
    for _ in range(count - 1):
        add()
    with django_assert_max_num_queries(len(one)):
        response = api.get(url)
    assert len(response.json()["data"]) == count
