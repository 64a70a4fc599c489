"""JSON:API resources of the platform catalogues: `/v1/event-locations`, `/v1/custom-placeholders` (and a
sub-topic's `/v1/event-sub-topics/<id>/custom-placeholder`), `/v1/event-image-sizes` and
`/v1/speaker-image-sizes`. Everyone reads them; admins write them.

The image sizes are one row per kind of image: `GET`/`PATCH /v1/event-image-sizes` (as the Open Event Server
answers, without an id) and `/v1/event-image-sizes/<id>` address the same row.
"""

from events import catalogue_services as svc
from events.api import catalogue_serializers as cs
from events.models import CustomPlaceholder, EventLocation, ImageSize
from eventyay.api.views import JsonApiViewSet, ServiceSet

CATALOGUE_RULES = {"list": "public", "retrieve": "public", "*": "is_admin"}


class EventLocationViewSet(JsonApiViewSet):
    queryset = EventLocation.objects.all()
    serializer_class = cs.EventLocationSerializer
    permission_rules = CATALOGUE_RULES
    services = ServiceSet(
        create=svc.event_location_create, update=svc.event_location_update, delete=svc.catalogue_delete
    )


class CustomPlaceholderViewSet(JsonApiViewSet):
    queryset = CustomPlaceholder.objects.all()
    serializer_class = cs.CustomPlaceholderSerializer
    permission_rules = CATALOGUE_RULES
    services = ServiceSet(
        create=svc.custom_placeholder_create, update=svc.custom_placeholder_update, delete=svc.catalogue_delete
    )


class ImageSizeViewSet(JsonApiViewSet):
    """One kind's row; the collection route answers it as a single resource."""

    kind = None
    permission_rules = {"retrieve": "public", "*": "is_admin"}
    collection_actions = {"get": "retrieve", "patch": "partial_update"}
    detail_actions = {"get": "retrieve", "patch": "partial_update"}
    services = ServiceSet(update=svc.image_size_update)

    def scoped_queryset(self):
        return ImageSize.objects.filter(type=self.kind)

    def initial(self, request, *args, **kwargs):
        if "pk" not in self.kwargs:  # the collection route names the kind's one row
            self.kwargs["pk"] = str(svc.image_size(self.kind).pk)
        super().initial(request, *args, **kwargs)


class EventImageSizeViewSet(ImageSizeViewSet):
    kind = ImageSize.Kind.EVENT
    serializer_class = cs.EventImageSizeSerializer


class SpeakerImageSizeViewSet(ImageSizeViewSet):
    kind = ImageSize.Kind.SPEAKER
    serializer_class = cs.SpeakerImageSizeSerializer
