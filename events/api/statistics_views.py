"""Statistics: the event's general figures (its team) and the platform's figures (admins). The numbers come
from `events.statistics`; the type and attribute names are those of the Open Event API."""

from events import statistics
from eventyay.api.computed import ComputedView, collection, resource, resource_object
from eventyay.api.views import EventInUrlMixin


class EventComputedView(EventInUrlMixin, ComputedView):
    """A computed resource of one event (`/v1/events/<event_id>/…`): a hidden event answers 404, an event the
    actor sees but does not manage 403."""


class EventGeneralStatisticsView(EventComputedView):
    """`/v1/events/<event_id>/general-statistics`: speakers, sponsors and sessions per state."""

    permission_rules = {"GET": "is_event_team"}

    def document(self, request):
        event = self.get_permission_event()
        counts = statistics.event_general_statistics(event)
        attributes = {key.replace("_", "-"): value for key, value in counts.items()}
        attributes["identifier"] = event.identifier
        return resource("event-statistics-general", event.pk, attributes, request.path)


class AdminStatisticsView(ComputedView):
    """`/v1/admin/statistics/<kind>`: one resource (id 1) of platform-wide counts, for admins."""

    type_name = ""
    selector = None

    def document(self, request):
        counts = type(self).selector()
        attributes = {key.replace("_", "-"): value for key, value in counts.items()}
        return resource(self.type_name, 1, attributes, request.path)


class AdminEventStatisticsView(AdminStatisticsView):
    type_name = "admin-statistics-event"
    selector = statistics.admin_event_statistics


class AdminSessionStatisticsView(AdminStatisticsView):
    type_name = "admin-statistics-session"
    selector = statistics.admin_session_statistics


class AdminGroupStatisticsView(AdminStatisticsView):
    type_name = "admin-statistics-group"
    selector = statistics.admin_group_statistics


class AdminUserStatisticsView(AdminStatisticsView):
    type_name = "admin-statistics-user"
    selector = statistics.admin_user_statistics


class AdminVocabularyStatisticsView(ComputedView):
    """`/v1/admin/statistics/event-types|event-topics`: each entry with its number of events."""

    type_name = ""
    selector = None

    def document(self, request):
        rows = type(self).selector()
        objects = [
            resource_object(self.type_name, row["pk"], {"name": row["name"], "count": row["count"]}, request.path)
            for row in rows
        ]
        return collection(objects, request.path)


class AdminEventTypeStatisticsView(AdminVocabularyStatisticsView):
    type_name = "admin-statistics-event-type"
    selector = statistics.admin_event_type_statistics


class AdminEventTopicStatisticsView(AdminVocabularyStatisticsView):
    type_name = "admin-statistics-event-topic"
    selector = statistics.admin_event_topic_statistics
