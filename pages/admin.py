from django.contrib import admin

from pages import services
from pages.models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "url", "place", "language", "index")
    list_filter = ("place", "language")
    search_fields = ("name", "title", "url")
    ordering = ("index", "id")

    def save_model(self, request, obj, form, change):
        data = {f: getattr(obj, f) for f in ("name", "title", "url", "description", "place", "language", "index")}
        if change:
            services.page_update(actor=request.user, instance=obj, data=data)
        else:
            obj.pk = services.page_create(actor=request.user, data=data).pk
