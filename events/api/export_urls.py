"""Routes of the file exports (`events.api.export_views`), included by `events.api.urls`."""

from django.urls import path

from events.api.export_views import BadgeExportView, FileExportView, StatusExportView

urlpatterns = [
    *(
        path(f"events/<str:event_id>/export/{name}", FileExportView.as_view(format_name=name), name=f"export-{name}")
        for name in ("ical", "xcal", "pentabarf")
    ),
    *(
        path(
            f"events/<str:event_id>/export/{table}/{kind}",
            view.as_view(format_name=f"{table}_{kind}"),
            name=f"export-{table}-{kind}",
        )
        for table, view in (
            ("orders", FileExportView),
            ("attendees", FileExportView),
            ("sessions", StatusExportView),
            ("speakers", StatusExportView),
        )
        for kind in ("csv", "pdf")
    ),
    path("badge-forms/print-badge-pdf", BadgeExportView.as_view(), name="export-badges"),
]
