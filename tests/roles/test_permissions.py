import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from roles import permissions as rules
from roles.mixins import event_for_dashboard
from roles.models import Permission, Role, Service, UsersEventsRoles
from roles.selectors import events_for_user
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def _holder(event, role):
    user = UserFactory()
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role))
    return user


def test_seed_creates_roles_services_and_the_default_matrix():
    assert set(Role.objects.values_list("name", flat=True)) == {
        "organizer",
        "coorganizer",
        "track_organizer",
        "moderator",
        "registrar",
        "attendee",
    }
    assert Role.objects.get(name="coorganizer").title_name == "Co-organizer"
    assert Service.objects.filter(name__in=["ticket", "discount_code", "session", "role_invite"]).count() == 4
    assert Permission.objects.count() == Role.objects.count() * Service.objects.count()


@pytest.mark.parametrize(
    "role, action, service, allowed",
    [
        ("organizer", "delete", "ticket", True),
        ("coorganizer", "update", "ticket", True),
        ("coorganizer", "create", "ticket", False),
        ("coorganizer", "create", "session", True),
        ("coorganizer", "delete", "session", False),
        ("track_organizer", "update", "session", True),
        ("track_organizer", "read", "ticket", False),
        ("moderator", "read", "track", True),
        ("moderator", "update", "track", False),
        ("registrar", "read", "attendee", True),
        ("registrar", "read", "order", True),
        ("registrar", "update", "attendee", False),
        ("attendee", "read", "session", False),
    ],
)
def test_can_follows_the_default_matrix(role, action, service, allowed):
    event = EventFactory()
    assert rules.can(_holder(event, role), action, service, event) is allowed


def test_can_on_another_event_is_false():
    event, other = EventFactory(), EventFactory()
    organizer = _holder(event, "organizer")
    assert rules.can(organizer, "read", "ticket", other) is False


def test_can_for_admin_anonymous_and_no_event():
    event = EventFactory()
    assert rules.can(UserFactory(is_admin=True), "delete", "ticket", event)
    assert not rules.can(AnonymousUser(), "read", "ticket", event)
    assert not rules.can(_holder(event, "organizer"), "read", "ticket", None)


def test_can_reflects_matrix_edits():
    event = EventFactory()
    Permission.objects.filter(role__name="moderator", service__name="track").update(can_update=True)
    assert rules.can(_holder(event, "moderator"), "update", "track", event)


def test_can_is_cached_per_actor():
    event = EventFactory()
    user = _holder(event, "coorganizer")
    rules.can(user, "read", "ticket", event)
    with CaptureQueriesContext(connection) as ctx:
        rules.can(user, "update", "session", event)
        rules.has_access(user, "is_coorganizer", event=event)
    assert len(ctx.captured_queries) == 0


@pytest.mark.parametrize(
    "role, check, allowed",
    [
        ("organizer", "is_organizer", True),
        ("coorganizer", "is_organizer", False),
        ("coorganizer", "is_coorganizer", True),
        ("track_organizer", "is_coorganizer", False),
        ("track_organizer", "is_track_organizer", True),
        ("moderator", "is_track_organizer", False),
        ("moderator", "is_moderator", True),
        ("registrar", "is_registrar", True),
        ("registrar", "is_moderator", False),
        ("attendee", "is_event_team", False),
        ("attendee", "is_event_member", True),
    ],
)
def test_has_access_event_role_checks_are_cumulative(role, check, allowed):
    event = EventFactory()
    assert rules.has_access(_holder(event, role), check, event=event) is allowed


def test_has_access_admin_passes_everything_but_super_admin():
    admin = UserFactory(is_admin=True)
    assert rules.has_access(admin, "is_organizer", event=EventFactory())
    assert not rules.has_access(admin, "is_super_admin")
    assert rules.has_access(UserFactory(is_super_admin=True), "is_super_admin")


def test_has_access_unknown_check_raises():
    with pytest.raises(ValueError):
        rules.has_access(UserFactory(), "is_wizard", event=EventFactory())


def test_dashboard_event_lookup_hides_events_without_the_role():
    event = EventFactory()
    coorganizer = _holder(event, "coorganizer")
    assert event_for_dashboard(coorganizer, event.identifier) == event
    assert event_for_dashboard(coorganizer, event.pk) == event
    with pytest.raises(Http404):
        event_for_dashboard(_holder(event, "moderator"), event.pk)
    with pytest.raises(Http404):
        event_for_dashboard(coorganizer, event.pk, check="is_organizer")
    with pytest.raises(Http404):
        event_for_dashboard(coorganizer, "nope")


def test_events_for_user_returns_best_role_per_event_in_one_query():
    user = UserFactory()
    events = [EventFactory() for _ in range(4)]
    for event in events:
        UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name="moderator"))
    UsersEventsRoles.objects.create(user=user, event=events[0], role=Role.objects.get(name="organizer"))
    attended = EventFactory()
    UsersEventsRoles.objects.create(user=user, event=attended, role=Role.objects.get(name="attendee"))
    with CaptureQueriesContext(connection) as ctx:
        result = events_for_user(user)
    assert len(ctx.captured_queries) == 1
    assert dict((e.pk, r) for r, e in result) == {
        events[0].pk: "organizer",
        **{e.pk: "moderator" for e in events[1:]},
    }
