"""Django admin for event content. Writes go through `events.content_services` (sanitized HTML, same-event
references). `CONTENT_INLINES` lets the event's admin show tracks, rooms, sponsors, … under the event."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from events import content_services as svc
from events.models import (
    CustomForm,
    Faq,
    FaqType,
    Microlocation,
    Session,
    SessionType,
    SocialLink,
    Speaker,
    Sponsor,
    Track,
)
from eventyay.errors import DomainError


class ContentAdmin(admin.ModelAdmin):
    list_select_related = ("event",)
    list_filter = ("event",)
    raw_id_fields = ("event",)

    def save_model(self, request, obj, form, change):
        model = type(obj)
        data = {
            f.name: getattr(obj, f.name)
            for f in model._meta.concrete_fields
            if f.editable and not f.primary_key and f.name != "event"
        }
        try:
            if change:
                svc.content_update(model, actor=request.user, instance=obj, data=data)
            else:
                obj.pk = svc.content_create(model, actor=request.user, event=obj.event, data=data).pk
                obj._state.adding = False
        except DomainError as exc:  # the form's clean() runs the same checks; this is the last line
            raise ValidationError(exc.detail)


class SameEventForm(forms.ModelForm):
    """Rejects references into another event before anything is saved."""

    def clean(self):
        data = super().clean()
        event = data.get("event") or getattr(self.instance, "event", None)
        if event is not None:
            try:
                svc.check_same_event(self._meta.model, event.pk, data)
            except DomainError as exc:
                raise ValidationError({exc.field: exc.detail})
        return data


class SessionAdminForm(SameEventForm):
    class Meta:
        model = Session
        fields = "__all__"  # noqa: DJ007 (ModelAdmin decides which fields show)


class FaqAdminForm(SameEventForm):
    class Meta:
        model = Faq
        fields = "__all__"  # noqa: DJ007 (ModelAdmin decides which fields show)


@admin.register(Track)
class TrackAdmin(ContentAdmin):
    list_display = ("name", "event", "color", "position")
    search_fields = ("name",)


@admin.register(SessionType)
class SessionTypeAdmin(ContentAdmin):
    list_display = ("name", "event", "length", "position")
    search_fields = ("name",)


@admin.register(Microlocation)
class MicrolocationAdmin(ContentAdmin):
    list_display = ("name", "event", "floor", "position")
    search_fields = ("name",)


@admin.register(Speaker)
class SpeakerAdmin(ContentAdmin):
    list_display = ("name", "email", "event", "is_featured")
    search_fields = ("name", "email", "organisation")
    raw_id_fields = ("event", "user")


@admin.register(Session)
class SessionAdmin(ContentAdmin):
    form = SessionAdminForm
    list_display = ("title", "event", "state", "track", "starts_at", "last_modified_at", "deleted_at")
    list_filter = ("state", "event")
    list_select_related = ("event", "track")
    search_fields = ("title",)
    raw_id_fields = ("event", "creator", "track", "session_type", "microlocation")
    filter_horizontal = ("speakers",)
    readonly_fields = ("last_modified_at",)


@admin.register(Sponsor)
class SponsorAdmin(ContentAdmin):
    list_display = ("name", "event", "level", "type")
    search_fields = ("name",)


@admin.register(SocialLink)
class SocialLinkAdmin(ContentAdmin):
    list_display = ("name", "link", "event")


@admin.register(CustomForm)
class CustomFormAdmin(ContentAdmin):
    list_display = ("field_identifier", "form", "type", "event", "is_included", "is_required")
    list_filter = ("form", "type", "event")
    search_fields = ("field_identifier", "name")


@admin.register(FaqType)
class FaqTypeAdmin(ContentAdmin):
    list_display = ("name", "event")
    search_fields = ("name",)


@admin.register(Faq)
class FaqAdmin(ContentAdmin):
    form = FaqAdminForm
    list_display = ("question", "faq_type", "event", "deleted_at")
    list_select_related = ("event", "faq_type")
    search_fields = ("question",)
    raw_id_fields = ("event", "faq_type")


def _inline(model_, fields_):
    return type(
        f"{model_.__name__}Inline",
        (admin.TabularInline,),
        {"model": model_, "fields": fields_, "extra": 0, "show_change_link": True},
    )


#: for the event's ModelAdmin: `inlines = [*CONTENT_INLINES]`
CONTENT_INLINES = [
    _inline(Track, ("name", "color", "position")),
    _inline(SessionType, ("name", "length", "position")),
    _inline(Microlocation, ("name", "floor", "position")),
    _inline(Sponsor, ("name", "level", "type", "url")),
    _inline(SocialLink, ("name", "link")),
    _inline(FaqType, ("name",)),
]
