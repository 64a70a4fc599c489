"""A table of rows (orders, attendees, sessions, speakers) rendered as CSV or as a PDF.

CSV cells are neutralized against formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab or a
carriage return gets a leading `'`, so a spreadsheet shows it as text instead of evaluating it. PDF cells are
escaped before reportlab reads them (its paragraphs parse markup)."""

import csv
import functools
import io
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: TrueType fonts with wide Unicode coverage (Latin, Greek, Cyrillic…), tried in order; else Helvetica
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
)
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10))


@dataclass(frozen=True)
class Column:
    header: str
    value: object  # callable(row) -> cell
    pdf: bool = True  # also a column of the PDF (which has room for fewer)


@dataclass
class Table:
    title: str
    columns: list
    rows: object  # an iterable of row objects
    notes: list = field(default_factory=list)
    tz: object = None  # the event's time zone: times are shown in it


def custom_columns(rows, columns, attribute="complex_field_values"):
    """CSV-only columns for the answers to the event's custom form fields (`complex_field_values`), one per
    field any row answered, in name order, after `columns` (a name they already use gets " (form)").
    `rows` is a list (it is read twice)."""
    names = sorted(
        {str(k) for row in rows if isinstance(getattr(row, attribute), dict) for k in getattr(row, attribute)}
    )

    def answer(name):
        def value(row):
            answers = getattr(row, attribute)
            cell = answers.get(name) if isinstance(answers, dict) else None
            if isinstance(cell, list):
                return ", ".join(text(item) for item in cell)
            return cell if isinstance(cell, str | int | float | bool) or cell is None else str(cell)

        return value

    taken = {c.header for c in columns}
    return [Column(f"{name} (form)" if name in taken else name, answer(name), pdf=False) for name in names]


def text(cell, tz=None):
    """The cell as text: '' for None, Yes/No for booleans, ISO times (in `tz`), plain numbers."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "Yes" if cell else "No"
    if isinstance(cell, datetime):
        return (cell.astimezone(tz) if tz is not None and cell.tzinfo else cell).isoformat(timespec="minutes")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, Decimal):
        return f"{cell:.2f}"
    return str(cell)


def neutralize(cell, tz=None):
    """A CSV cell a spreadsheet will not evaluate as a formula."""
    value = text(cell, tz)
    if isinstance(cell, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@functools.cache
def pdf_fonts():
    """(regular, bold) font names for PDFs: DejaVu Sans when the system has it, else Helvetica (Latin-1)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular, bold in FONT_CANDIDATES:
        if os.path.exists(regular) and os.path.exists(bold):
            try:
                pdfmetrics.registerFont(TTFont("ExportSans", regular))
                pdfmetrics.registerFont(TTFont("ExportSans-Bold", bold))
            except Exception:  # noqa: BLE001 — an unreadable font file: the built-in font still works
                continue
            return "ExportSans", "ExportSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def pdf_text(value, tz=None):
    """Text for a reportlab paragraph: control characters dropped, markup escaped, newlines as breaks."""
    return escape(text(value, tz).translate(_CONTROL)).replace("\n", "<br/>")


def csv_of(table):
    """UTF-8 CSV (with a byte-order mark, so spreadsheets read the encoding), a header row first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralize(c.header) for c in table.columns])
    for row in table.rows:
        writer.writerow([neutralize(c.value(row), table.tz) for c in table.columns])
    return out.getvalue().encode("utf-8-sig")


def pdf_of(table):
    """A landscape A4 PDF: the title, then the table (its header repeated on every page)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    regular, bold = pdf_fonts()
    styles = getSampleStyleSheet()
    cell_style = styles["BodyText"].clone("cell", fontName=regular, fontSize=7.5, leading=9)
    head_style = cell_style.clone("head", fontName=bold)
    title_style = styles["Title"].clone("title", fontName=bold)
    note_style = styles["Normal"].clone("note", fontName=regular)
    columns = [c for c in table.columns if c.pdf]

    def para(value, style):
        return Paragraph(pdf_text(value, table.tz), style)

    data = [[para(c.header, head_style) for c in columns]]
    data += [[para(c.value(row), cell_style) for c in columns] for row in table.rows]
    out = io.BytesIO()
    page = landscape(A4)
    doc = SimpleDocTemplate(
        out,
        pagesize=page,
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=table.title,
        author="eventyay",
    )
    width = (page[0] - 20 * mm) / max(len(columns), 1)
    grid = LongTable(data, colWidths=[width] * len(columns), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [Paragraph(pdf_text(table.title), title_style)]
    story += [Paragraph(pdf_text(note), note_style) for note in table.notes]
    story += [Spacer(1, 4 * mm), grid]
    if len(data) == 1:
        story.append(Paragraph("Nothing to list.", note_style))
    doc.build(story)
    return out.getvalue()
