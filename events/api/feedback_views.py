"""JSON:API resources of feedback and favourites: rows that belong to the user who made them.

* `feedback`: `/v1/feedbacks` (POST with `relationships.session` or `.event`), `/v1/events/<id>/feedbacks`,
  `/v1/sessions/<id>/feedbacks` (the session's relationship) and `/v1/feedbacks/<id>`. Its author and the event's
  organizers and co-organizers read it; only its author (or an admin) changes or deletes it.
* `user-favourite-session`: `/v1/user-favourite-sessions` and `/<id>`, and the lists
  `/v1/users/<id>/user-favourite-sessions`, `/v1/sessions/<id>/user-favourite-sessions`,
  `/v1/events/<id>/user-favourite-sessions`. `user-favourite-event`: `/v1/user-favourite-events` and `/<id>`.
  Favourites are private: everyone reads and deletes only their own (admins all of them).

The session or event a row is about must be one the actor may read; otherwise the document is rejected as if
it did not exist (422), so ids do not leak.
"""

from django.db.models import Q
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError

from events import feedback_services as svc
from events.api import feedback_serializers as fs
from events.models import Feedback, Session, UserFavouriteEvent, UserFavouriteSession
from eventyay.api.permissions import any_of
from eventyay.api.registry import resources
from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet, resolve_event
from roles import permissions as rules
from roles.selectors import event_ids_with_role

OWN = any_of("is_user_itself", "is_admin")


def _readable_or_invalid(request, type_, obj, field):
    if obj is None:
        return
    visible = resources.readable(type_, type(obj)._default_manager.filter(pk=obj.pk), request)
    if not visible.exists():
        raise ValidationError({field: [f'Invalid id "{obj.pk}": no such {type_}.']})


class FeedbackViewSet(EventScopedMixin, JsonApiViewSet):
    queryset = Feedback.objects.all()
    serializer_class = fs.FeedbackSerializer
    services = ServiceSet(create=svc.feedback_create, update=svc.feedback_update, delete=svc.feedback_delete)
    trashed_rule = "is_admin"
    #: who besides the author reads an event's feedback
    team_check = "is_coorganizer"

    @property
    def permission_rules(self):
        return {
            "list": "authenticated" if self.is_nested() else "is_admin",
            "retrieve": "authenticated",
            "create": "authenticated",
            "partial_update": OWN,
            "destroy": OWN,
        }

    def readable(self, queryset):
        def rows(user):
            team = Q(event_id__in=event_ids_with_role(user, self.team_check))
            return (Q(user=user) | team) & Q(event__deleted_at__isnull=True)

        return self.readable_by_members(queryset, rows)

    def get_permission_event(self, obj=None):
        return obj.event if obj is not None else None

    def event_from_body(self):
        data = self.request.data if isinstance(self.request.data, dict) else {}
        session_ref = data.get("session")
        if not (isinstance(data.get("event"), dict) and data["event"].get("id")) and isinstance(session_ref, dict):
            session = Session.objects.filter(pk=_int(session_ref.get("id"))).first()
            if session is None:
                raise ValidationError({"session": [f'Invalid id "{session_ref.get("id")}": no such session.']})
            return resolve_event(self.request, session.event_id)
        return super().event_from_body()

    def perform_create(self, serializer):
        _readable_or_invalid(self.request, "session", serializer.validated_data.get("session"), "session")
        super().perform_create(serializer)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class OwnRowsViewSet(JsonApiViewSet):
    """Rows of one user: the actor's own (admins: everyone's)."""

    permission_rules = {
        "list": "authenticated",
        "retrieve": "authenticated",
        "create": "authenticated",
        "destroy": OWN,
    }
    detail_actions = {"get": "retrieve", "delete": "destroy"}
    nested_actions = {"get": "list"}

    def readable(self, queryset):
        return self.readable_by_members(queryset, lambda user: Q(user=user))


class UserFavouriteSessionViewSet(OwnRowsViewSet):
    queryset = UserFavouriteSession.objects.all()
    serializer_class = fs.UserFavouriteSessionSerializer
    services = ServiceSet(create=svc.favourite_session_create, delete=svc.favourite_session_delete)

    def scoped_queryset(self):
        queryset = super().scoped_queryset()
        kwargs = self.kwargs
        if "user_id" in kwargs:
            user = self.request.user
            if not rules.is_admin(user) and str(getattr(user, "pk", "")) != str(kwargs["user_id"]):
                raise PermissionDenied("These are another user's favourites.")
            queryset = queryset.filter(user_id=_int(kwargs["user_id"]))
        if "session_id" in kwargs:
            sessions = resources.readable(
                "session", Session.objects.filter(pk=_int(kwargs["session_id"])), self.request
            )
            if not sessions.exists():
                raise NotFound("No such session.")
            queryset = queryset.filter(session_id=_int(kwargs["session_id"]))
        if "event_id" in kwargs:
            queryset = queryset.filter(session__event=resolve_event(self.request, kwargs["event_id"]))
        return queryset

    def perform_create(self, serializer):
        _readable_or_invalid(self.request, "session", serializer.validated_data.get("session"), "session")
        super().perform_create(serializer)


class UserFavouriteEventViewSet(OwnRowsViewSet):
    queryset = UserFavouriteEvent.objects.all()
    serializer_class = fs.UserFavouriteEventSerializer
    services = ServiceSet(create=svc.favourite_event_create, delete=svc.favourite_event_delete)

    def perform_create(self, serializer):
        _readable_or_invalid(self.request, "event", serializer.validated_data.get("event"), "event")
        super().perform_create(serializer)
