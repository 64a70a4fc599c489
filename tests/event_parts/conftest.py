import pytest
from django.utils import timezone

from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient
from tests.factories import EventFactory, UserFactory


def give_role(user, event, role):
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role))
    return user


def rel(type_, id_):
    return {"data": {"type": type_, "id": str(id_)}}


@pytest.fixture
def event(db):
    return EventFactory(schedule_published_on=timezone.now())


@pytest.fixture
def organizer(event):
    return give_role(UserFactory(), event, "organizer")


@pytest.fixture
def org_api(organizer):
    return ApiClient(organizer)
