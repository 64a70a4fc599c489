"""File exports of an event other than the JSON zip (issue 14, item 4), each built by a Celery task
(`events.export_file`) into private storage and downloaded through the signed task link:

* the public schedule — `ical` (RFC 5545), `xcal` (the frab/OES xCal XML) and `pentabarf` (Pentabarf XML) —
  of published sessions only (accepted or confirmed, scheduled, not deleted);
* tables — orders, attendees, sessions, speakers — as CSV (`*_csv`, cells neutralized against formula
  injection) or PDF (`*_pdf`);
* attendee badges (`badges`, a PDF, one badge a page).

`FORMATS` names each export's builder; a builder is `build(event, options) -> bytes`.
"""

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    extension: str
    content_type: str
    builder: str  # "module:function"
    table: str = ""  # for table formats: the key of the table (its rows) the builder renders

    def build(self, event, options):
        render = _load(self.builder)
        if self.table:
            return render(_load(_TABLES[self.table])(event, options or {}))
        return render(event, options or {})


def _load(path):
    module, function = path.split(":")
    return getattr(import_module(module), function)


CSV = "text/csv"
TABULAR = "events.transfer.formats.tabular"
PDF = "application/pdf"
_TABLES = {
    "orders": "tickets.exports.tables:orders_table",
    "attendees": "tickets.exports.tables:attendees_table",
    "sessions": "events.transfer.formats.tables:sessions_table",
    "speakers": "events.transfer.formats.tables:speakers_table",
}

FORMATS = {
    f.name: f
    for f in (
        ExportFormat("ical", "iCal schedule", "ics", "text/calendar", "events.transfer.formats.ical:build"),
        ExportFormat("xcal", "xCal schedule", "xcs", "application/xml", "events.transfer.formats.xcal:build"),
        ExportFormat(
            "pentabarf", "Pentabarf schedule", "xml", "application/xml", "events.transfer.formats.pentabarf:build"
        ),
        *(
            ExportFormat(f"{key}_csv", f"{key.capitalize()} (CSV)", "csv", CSV, f"{TABULAR}:csv_of", key)
            for key in _TABLES
        ),
        *(
            ExportFormat(f"{key}_pdf", f"{key.capitalize()} (PDF)", "pdf", PDF, f"{TABULAR}:pdf_of", key)
            for key in _TABLES
        ),
        ExportFormat("badges", "Attendee badges", "pdf", PDF, "tickets.exports.badges:build"),
    )
}
#: content types of the stored files, by extension (the download answers with it)
CONTENT_TYPES = {f.extension: f.content_type for f in FORMATS.values()} | {"zip": "application/zip"}


def build(name, event, options=None):
    """The bytes of export `name` of `event`."""
    return FORMATS[name].build(event, options)
