import pytest

from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient
from tests.factories import EventFactory, TicketFactory, UserFactory


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
def buyer(db):
    return UserFactory()


@pytest.fixture
def buyer_api(buyer):
    return ApiClient(buyer)


@pytest.fixture
def ticket(event):
    return TicketFactory(event=event, name="Free", quantity=10)


@pytest.fixture
def paid_ticket(event):
    return TicketFactory(event=event, name="Paid", type="paid", price="20.00", quantity=10)
