"""EventPermissionRequiredMixin: the dashboard views' gate (login, role on the event, else 404)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.views import View

from events.models import Event
from roles.mixins import EventPermissionRequiredMixin
from roles.models import Role, UsersEventsRoles
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


class DashboardView(EventPermissionRequiredMixin, View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(self.event.identifier)


class RegistrarView(DashboardView):
    required_check = "is_registrar"


def call(view, user, event_id):
    request = RequestFactory().get("/dashboard")
    request.user = user
    return view.as_view()(request, event_id=event_id)


def holder(event, role):
    user = UserFactory()
    UsersEventsRoles.objects.create(user=user, event=event, role=Role.objects.get(name=role))
    return user


def test_anonymous_is_redirected_to_login():
    response = call(DashboardView, AnonymousUser(), EventFactory().pk)
    assert response.status_code == 302


def test_coorganizer_passes_by_id_and_identifier():
    event = EventFactory(state=Event.State.DRAFT)
    user = holder(event, "coorganizer")
    assert call(DashboardView, user, event.pk).content.decode() == event.identifier
    assert call(DashboardView, user, event.identifier).status_code == 200


def test_user_without_the_role_gets_404():
    event = EventFactory()
    with pytest.raises(Http404):
        call(DashboardView, holder(event, "moderator"), event.pk)
    with pytest.raises(Http404):
        call(DashboardView, UserFactory(), event.pk)


def test_registrar_passes_its_own_check_and_admin_passes_all():
    event = EventFactory()
    assert call(RegistrarView, holder(event, "registrar"), event.pk).status_code == 200
    assert call(DashboardView, UserFactory(is_admin=True), event.pk).status_code == 200


def test_soft_deleted_event_is_404_for_its_team():
    event = EventFactory()
    user = holder(event, "organizer")
    event.soft_delete()
    with pytest.raises(Http404):
        call(DashboardView, user, event.pk)
