"""A table of rows (orders, attendees, sessions, speakers) rendered as CSV or as a PDF.

CSV cells are neutralized against formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab or a
carriage return gets a leading `'`, so a spreadsheet shows it as text instead of evaluating it. PDF cells are
escaped before reportlab reads them (its paragraphs parse markup)."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def text(cell):
    """The cell as text: '' for None, Yes/No for booleans, ISO times, plain numbers."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "Yes" if cell else "No"
    if isinstance(cell, datetime):
        return cell.isoformat(timespec="minutes")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, Decimal):
        return f"{cell:.2f}"
    return str(cell)


def neutralize(cell):
    """A CSV cell a spreadsheet will not evaluate as a formula."""
    value = text(cell)
    if isinstance(cell, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_of(table):
    """UTF-8 CSV (with a byte-order mark, so spreadsheets read the encoding), a header row first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralize(c.header) for c in table.columns])
    for row in table.rows:
        writer.writerow([neutralize(c.value(row)) for c in table.columns])
    return out.getvalue().encode("utf-8-sig")


def pdf_of(table):
    """A landscape A4 PDF: the title, then the table (its header repeated on every page)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    styles = getSampleStyleSheet()
    cell_style = styles["BodyText"].clone("cell", fontSize=7.5, leading=9)
    head_style = cell_style.clone("head", fontName="Helvetica-Bold")
    columns = [c for c in table.columns if c.pdf]

    def para(value, style):
        return Paragraph(escape(text(value)).replace("\n", "<br/>"), style)

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
    story = [Paragraph(escape(table.title), styles["Title"])]
    story += [Paragraph(escape(note), styles["Normal"]) for note in table.notes]
    story += [Spacer(1, 4 * mm), grid]
    if len(data) == 1:
        story.append(Paragraph("Nothing to list.", styles["Normal"]))
    doc.build(story)
    return out.getvalue()
