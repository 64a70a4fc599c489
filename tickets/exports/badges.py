"""Attendee badges as a PDF: one badge (a 4 × 3 inch page) per attendee, the event's name on top and the
fields asked for (`list_field_show`, e.g. "name, email") below, large first. Fields are named as the Open Event
client names them (dasherized or with underscores); `BADGE_FIELDS` lists those a badge can show."""

import io

from events.transfer.formats.tabular import pdf_fonts, pdf_text
from tickets.models import Attendee

BADGE_FIELDS = {
    "name": lambda a: f"{a.firstname} {a.lastname}".strip(),
    "firstname": lambda a: a.firstname,
    "lastname": lambda a: a.lastname,
    "email": lambda a: a.email,
    "ticket": lambda a: a.ticket.name,
    "ticket-name": lambda a: a.ticket.name,
    "company": lambda a: a.company,
    "organisation": lambda a: a.company,
    "job-title": lambda a: a.job_title,
    "city": lambda a: a.city,
    "state": lambda a: a.state,
    "country": lambda a: a.country,
    "website": lambda a: a.website,
    "twitter": lambda a: a.twitter,
    "github": lambda a: a.github,
    "phone": lambda a: a.phone,
    "gender": lambda a: a.gender,
    "age-group": lambda a: a.age_group,
}
DEFAULT_FIELDS = ("name",)


def field_names(raw):
    """The badge fields of `list_field_show` ("name, email"), normalized; ValueError names an unknown one."""
    names = [part.strip().lower().replace("_", "-") for part in str(raw or "").split(",") if part.strip()]
    unknown = [name for name in names if name not in BADGE_FIELDS]
    if unknown:
        raise ValueError(f"Unknown badge field {unknown[0]!r}; use any of {', '.join(sorted(BADGE_FIELDS))}.")
    return list(dict.fromkeys(names)) or list(DEFAULT_FIELDS)


def build(event, options):
    from reportlab.lib.pagesizes import inch
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    fields = field_names(",".join(options.get("fields") or ()))
    attendees = (
        Attendee.objects.filter(event=event, pk__in=options.get("attendee_ids") or ())
        .select_related("ticket")
        .order_by("pk")
    )
    regular, bold = pdf_fonts()
    page = (4 * inch, 3 * inch)
    out = io.BytesIO()
    margin = 6 * mm
    doc = SimpleDocTemplate(
        out,
        pagesize=page,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"Badges of {event.name}",
        author="eventyay",
    )
    heading = ParagraphStyle("event", fontName=regular, fontSize=9, leading=11, alignment=1, spaceAfter=8)
    first = ParagraphStyle("first", fontName=bold, fontSize=20, leading=24, alignment=1, spaceAfter=6)
    other = ParagraphStyle("other", fontName=regular, fontSize=11, leading=14, alignment=1, spaceAfter=3)
    story = []
    for attendee in attendees:
        if story:
            story.append(PageBreak())
        story.append(Paragraph(pdf_text(event.name), heading))
        for index, name in enumerate(fields):
            value = str(BADGE_FIELDS[name](attendee) or "")
            if value:
                story.append(Paragraph(pdf_text(value), first if index == 0 else other))
    if not story:
        story.append(Paragraph("No attendee to print.", other))
    doc.build(story)
    return out.getvalue()
