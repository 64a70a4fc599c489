import pytest

from roles.models import Role, UsersEventsRoles
from tests.conftest import ApiClient
from tests.factories import EventFactory, TicketFactory, UserFactory
from tests.orders_and_sales.providers import FakeProvider


def give_role(user, event, role):
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role))
    return user


@pytest.fixture
def organizer(db):
    return UserFactory(first_name="Olga", last_name="Organizer")


@pytest.fixture
def event(organizer):
    event = EventFactory(owner=organizer, location_name="Berlin, Germany")
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
def admin_api(db):
    return ApiClient(UserFactory(is_admin=True))


@pytest.fixture
def free_ticket(event):
    return TicketFactory(event=event, name="Free", quantity=50, max_order=10)


@pytest.fixture
def paid_ticket(event):
    return TicketFactory(event=event, name="Paid", type="paid", price="20.00", quantity=50, max_order=10)


@pytest.fixture
def fake_provider(settings):
    """Charges go to `FakeProvider` (under the names the charge body uses)."""
    path = "tests.orders_and_sales.providers.FakeProvider"
    settings.PAYMENT_PROVIDERS = {"stripe": path, "paypal": path}
    FakeProvider.requests = []
    return FakeProvider
