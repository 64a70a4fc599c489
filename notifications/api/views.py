from django.http import Http404
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.parsers import BaseParser
from rest_framework.response import Response

from eventyay.api.views import JsonApiViewSet, ServiceSet
from notifications import services
from notifications.api.serializers import NotificationSerializer
from notifications.models import Notification
from notifications.selectors import unread_count


class IgnoredBodyParser(BaseParser):
    """The mark-read actions take no document; whatever body a client sends (none, `{}`) is ignored."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return {}


#: actions that take no request document
BODYLESS_ACTIONS = {"mark_read", "mark_all_read"}


class NotificationViewSet(JsonApiViewSet):
    """The signed-in user's own notifications: list, read, PATCH `is-read`, mark one / all read, delete.
    Rows of other users are out of scope (404)."""

    serializer_class = NotificationSerializer
    resource_name = "notification"
    permission_rules = {"*": "authenticated"}
    collection_actions = {"get": "list"}
    detail_actions = {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
    ordering = ("-received_at", "-id")
    services = ServiceSet(update=services.notification_update, delete=services.notification_delete)

    def initial(self, request, *args, **kwargs):
        # an unmapped method is a 405 for everybody, before any permission check
        method = request.method.lower()
        if method not in ("options", "head") and method not in getattr(self, "action_map", {}):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def get_parsers(self):
        if BODYLESS_ACTIONS & set(getattr(self, "action_map", {}).values()):
            return [IgnoredBodyParser()]
        return super().get_parsers()

    def owner(self):
        return self.request.user

    def scoped_queryset(self):
        if "user_id" in self.kwargs:
            return self.owner().notifications.select_related("user", "target_content_type")
        return Notification.objects.select_related("user", "target_content_type")

    def readable(self, queryset):
        user = self.request.user
        return queryset.filter(user=user) if user.is_authenticated else queryset.none()

    @action(detail=True, methods=["post"], url_path="mark-read", url_name="mark-read")
    def mark_read(self, request, *args, **kwargs):
        instance = self.get_object()
        services.notification_mark_read(actor=request.user, instance=instance)
        return Response(self.get_serializer(self.get_object()).data)

    @action(detail=False, methods=["post"], url_path="mark-all-read", url_name="mark-all-read")
    def mark_all_read(self, request, *args, **kwargs):
        changed = services.notifications_mark_all_read(actor=request.user, user=self.owner())
        self.resource_name = False  # a meta-only document, rendered as written
        return Response(
            {"meta": {"marked-read": changed, "unread-count": unread_count(self.owner())}},
            status=status.HTTP_200_OK,
        )


class UserNotificationViewSet(NotificationViewSet):
    """`/v1/users/<user_id>/notifications`: the same list, for its owner only (anyone else: 404)."""

    def owner(self):
        if str(self.kwargs.get("user_id")) != str(self.request.user.pk):
            raise Http404("No such user.")
        return self.request.user
