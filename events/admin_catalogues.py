"""Django admin of the platform catalogues (event locations, custom placeholders, image sizes). Writes go
through `events.catalogue_services`, as the API's do."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from events import catalogue_services as svc
from events.models import CustomPlaceholder, EventLocation, ImageSize
from eventyay.errors import DomainError


class CatalogueAdmin(admin.ModelAdmin):
    create_service = None
    update_service = None

    def save_model(self, request, obj, form, change):
        model = type(obj)
        data = {
            f.name: getattr(obj, f.name) for f in model._meta.concrete_fields if f.editable and not f.primary_key
        }
        try:
            if change:
                self.update_service(actor=request.user, instance=obj, data=data)
            else:
                obj.pk = self.create_service(actor=request.user, data=data).pk
                obj._state.adding = False
        except DomainError as exc:
            raise ValidationError(exc.detail) from exc


@admin.register(EventLocation)
class EventLocationAdmin(CatalogueAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    create_service = staticmethod(svc.event_location_create)
    update_service = staticmethod(svc.event_location_update)


@admin.register(CustomPlaceholder)
class CustomPlaceholderAdmin(CatalogueAdmin):
    list_display = ("name", "event_sub_topic", "origin", "deleted_at")
    list_filter = ("event_sub_topic",)
    search_fields = ("name",)
    create_service = staticmethod(svc.custom_placeholder_create)
    update_service = staticmethod(svc.custom_placeholder_update)


@admin.register(ImageSize)
class ImageSizeAdmin(admin.ModelAdmin):
    list_display = ("type", "full_width", "full_height", "thumbnail_width", "icon_width")
    readonly_fields = ("type",)

    def has_add_permission(self, request):
        return False  # one row per kind, made with its defaults on first use

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        for kind in ImageSize.Kind:
            svc.image_size(kind)
        return super().get_queryset(request)
