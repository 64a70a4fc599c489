"""CSV and PDF exports of orders, attendees, sessions and speakers: each file is parsed (the csv module, pypdf's
text extraction); CSV cells that a spreadsheet would run as a formula are neutralized."""

import csv
import io

import pypdf
import pytest

from tests.exports.conftest import client_for

pytestmark = pytest.mark.django_db


def rows_of(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def text_of(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def squashed(text):
    """The text without whitespace: a narrow PDF column wraps a long value over several lines."""
    return "".join(text.split())


def test_orders_csv_lists_every_order_with_its_buyer_tickets_and_amount(event, organizer, sales, export):
    _, content, download = export(organizer, f"/v1/events/{event.identifier}/export/orders/csv")
    assert download["Content-Type"].startswith("text/csv")
    assert download["Content-Disposition"].endswith('-orders-csv.csv"')
    rows = {row["Order#"]: row for row in rows_of(content)}
    assert set(rows) == {sales["first"].identifier, sales["second"].identifier}
    first = rows[sales["first"].identifier]
    assert (first["Status"], first["Total Amount"], first["Quantity"]) == ("completed", "125.00", "2")
    assert first["Tickets"] == "Regular × 1, VIP × 1"
    assert (first["First Name"], first["Last Name"], first["Email"]) == ("Grace", "Hopper", "grace@example.org")
    assert rows[sales["second"].identifier]["Status"] == "pending"


def test_csv_cells_that_would_run_as_formulas_are_neutralized(event, organizer, sales, export):
    _, orders, _ = export(organizer, f"/v1/events/{event.pk}/export/orders/csv")
    evil = {row["Order#"]: row for row in rows_of(orders)}[sales["second"].identifier]
    assert evil["First Name"] == '\'=HYPERLINK("http://x")'
    assert evil["Last Name"] == "'+1"
    _, attendees, _ = export(organizer, f"/v1/events/{event.pk}/export/attendees/csv")
    cells = [cell for row in rows_of(attendees) for cell in row.values()]
    assert "'=cmd|' /C calc'!A0" in cells and "'@SUM(1)" in cells and "'-evil@example.org" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_attendees_csv_lists_every_attendee_with_ticket_and_order(event, organizer, sales, export):
    _, content, _ = export(organizer, f"/v1/events/{event.pk}/export/attendees/csv")
    rows = rows_of(content)
    assert [(r["First Name"], r["Ticket Name"], r["Ticket Price"]) for r in rows] == [
        ("Grace", "Regular", "25.00"),
        ("Alan", "VIP", "100.00"),
        ("'=cmd|' /C calc'!A0", "Regular", "25.00"),
    ]
    assert {r["Order#"] for r in rows[:2]} == {sales["first"].identifier}
    assert rows[2]["Order Status"] == "pending" and rows[0]["Checked In"] == "No"


def test_sessions_csv_filters_by_status(event, organizer, schedule, export):
    _, everything, _ = export(organizer, f"/v1/events/{event.pk}/export/sessions/csv", {"status": "all"})
    titles = [row["Session Title"] for row in rows_of(everything)]
    assert set(titles) == {
        "Keynote: engines, looms; and \\ more",
        "Closing",
        "Pending idea",
        "Rejected idea",
        "Unscheduled",
    }
    keynote = next(row for row in rows_of(everything) if row["Session Title"].startswith("Keynote"))
    assert keynote["Session Speakers"] == "Ada Lovelace, Bob <b>"
    assert (keynote["Session Track"], keynote["Room"], keynote["Status"]) == (
        "Web; Mobile, & more",
        "Hall A",
        "accepted",
    )
    assert keynote["Session Abstract Long"] == "Analytical engines & the future\nLine two"
    assert (keynote["Starts At"], keynote["Ends At"]) == ("2031-06-13T09:00+02:00", "2031-06-13T10:30+02:00")
    _, pending, _ = export(organizer, f"/v1/events/{event.pk}/export/sessions/csv", {"status": "pending"})
    assert [row["Session Title"] for row in rows_of(pending)] == ["Pending idea"]
    _, by_query, _ = export(organizer, f"/v1/events/{event.pk}/export/sessions/csv?status=confirmed")
    assert [row["Session Title"] for row in rows_of(by_query)] == ["Closing"]


def test_speakers_csv_lists_speakers_with_their_sessions(event, organizer, schedule, export):
    _, content, _ = export(organizer, f"/v1/events/{event.pk}/export/speakers/csv", {"status": "all"})
    rows = {row["Speaker Name"]: row for row in rows_of(content)}
    assert set(rows) == {"Ada Lovelace", "Bob <b>"}
    assert rows["Ada Lovelace"]["Speaker Email"] == "ada@example.org"
    assert (
        rows["Ada Lovelace"]["Speaker Sessions"]
        == "Keynote: engines, looms; and \\ more (accepted); Closing (confirmed)"
    )
    _, confirmed, _ = export(organizer, f"/v1/events/{event.pk}/export/speakers/csv", {"status": "confirmed"})
    assert [(r["Speaker Name"], r["Speaker Sessions"]) for r in rows_of(confirmed)] == [
        ("Ada Lovelace", "Closing (confirmed)")
    ]


def test_an_unknown_status_is_422_and_starts_nothing(event, organizer):
    response = client_for(organizer).post(
        f"/v1/events/{event.pk}/export/sessions/csv", {"status": "maybe"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "status must be one of" in response.json()["errors"][0]["detail"]


def test_orders_pdf_lists_the_orders(event, organizer, sales, export):
    _, content, download = export(organizer, f"/v1/events/{event.pk}/export/orders/pdf")
    assert download["Content-Type"] == "application/pdf"
    text = text_of(content)
    assert "Orders of Schedule Summit" in text
    for needle in (sales["first"].identifier, sales["second"].identifier, "grace@example.org", "125.00", "Hopper"):
        assert needle in squashed(text)


def test_attendees_pdf_lists_the_attendees_and_escapes_markup(event, organizer, sales, export):
    sales["first"].attendees.filter(firstname="Alan").update(firstname="<b>Alan</b> & co")
    _, content, _ = export(organizer, f"/v1/events/{event.pk}/export/attendees/pdf")
    text = text_of(content)
    assert "Attendees of Schedule Summit" in text
    assert "<b>Alan</b>&co" in squashed(text) and "Turing" in text and "VIP" in text and "Hopper" in text


def test_sessions_and_speakers_pdfs(event, organizer, schedule, export):
    _, sessions, _ = export(organizer, f"/v1/events/{event.pk}/export/sessions/pdf")
    text = text_of(sessions)
    assert "Sessions of Schedule Summit" in text and "Closing" in text and "Hall A" in text
    _, speakers, _ = export(organizer, f"/v1/events/{event.pk}/export/speakers/pdf")
    text = text_of(speakers)
    assert "Speakers of Schedule Summit" in text and "Ada Lovelace" in text and "ada@example.org" in squashed(text)


def test_a_long_table_spans_several_pdf_pages(event, organizer, export):
    from tests.exports.factories import AttendeeFactory, OrderFactory
    from tests.factories import TicketFactory

    ticket = TicketFactory(event=event, name="Bulk", quantity=500)
    order = OrderFactory(event=event)
    for index in range(120):
        AttendeeFactory(order=order, ticket=ticket, firstname=f"Person{index:03d}")
    _, content, _ = export(organizer, f"/v1/events/{event.pk}/export/attendees/pdf")
    assert len(pypdf.PdfReader(io.BytesIO(content)).pages) > 1
    text = text_of(content)
    assert "Person000" in text and "Person119" in text


def test_pdf_text_beyond_latin_1_survives(event, organizer, export):
    from tests.exports.factories import AttendeeFactory, OrderFactory

    AttendeeFactory(order=OrderFactory(event=event), firstname="Ωmega", lastname="Привет\x07")
    _, content, _ = export(organizer, f"/v1/events/{event.pk}/export/attendees/pdf")
    assert "Ωmega" in text_of(content) and "Привет" in text_of(content)


def test_answers_to_custom_form_fields_are_csv_columns(event, organizer, sales, export):
    grace = sales["first"].attendees.get(firstname="Grace")
    grace.complex_field_values = {"diet": "vegan", "Email": "=other@example.org", "topics": ["AI", "Web"]}
    grace.save()
    _, content, _ = export(organizer, f"/v1/events/{event.pk}/export/attendees/csv")
    rows = {row["First Name"]: row for row in rows_of(content)}
    assert (rows["Grace"]["diet"], rows["Grace"]["topics"]) == ("vegan", "AI, Web")
    assert rows["Grace"]["Email (form)"] == "'=other@example.org"
    assert rows["Grace"]["Email"] == "grace@example.org"
    assert rows["Alan"]["diet"] == ""
