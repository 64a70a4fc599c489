"""iCal, xCal and Pentabarf exports of the schedule: started like the JSON export, built by a task, downloaded
through the signed link; each file is parsed (icalendar, xml.etree) and holds the published sessions only."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import icalendar
import pytest

from notifications.models import Notification
from tests.exports.conftest import START

pytestmark = pytest.mark.django_db

HIDDEN = {"Pending idea", "Rejected idea", "Unscheduled", "Deleted"}


def test_ical_holds_each_published_session_once_with_its_times_and_details(event, organizer, schedule, export):
    state, content, download = export(organizer, f"/v1/events/{event.identifier}/export/ical")
    assert download["Content-Type"].startswith("text/calendar")
    assert download["Content-Disposition"].endswith('.ics"')
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["X-WR-CALNAME"]) == "Schedule Summit"
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Keynote: engines, looms; and \\ more", "Closing"}
    keynote = events["Keynote: engines, looms; and \\ more"]
    assert keynote.decoded("DTSTART") == START
    assert keynote.decoded("DTEND") == START + timedelta(minutes=90)
    assert str(keynote["LOCATION"]) == "Hall A"
    assert keynote["CATEGORIES"].cats == ["Web; Mobile, & more"]
    assert str(keynote["DESCRIPTION"]) == "Speakers: Ada Lovelace, Bob <b>\n\nAnalytical engines & the future\nLine two"
    assert str(keynote["URL"]).endswith(f"/e/{event.identifier}/session/{schedule['keynote'].pk}")
    assert len({str(e["UID"]) for e in events.values()}) == 2
    assert "ada@example.org" not in content.decode()


def test_ical_lines_are_folded_at_75_octets(event, organizer, schedule, export):
    schedule["closing"].title = "Ünïcödé " * 30
    schedule["closing"].save()
    _, content, _ = export(organizer, f"/v1/events/{event.pk}/export/ical")
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(content).walk("VEVENT")]
    assert "Ünïcödé " * 30 in summaries


def test_xcal_is_xml_with_a_vevent_per_published_session_in_local_time(event, organizer, schedule, export):
    _, content, download = export(organizer, f"/v1/events/{event.identifier}/export/xcal")
    assert download["Content-Type"].startswith("application/xml")
    root = ET.fromstring(content)
    assert root.tag == "iCalendar"
    calendar = root.find("vcalendar")
    assert calendar.findtext("x-wr-calname") == "Schedule Summit"
    vevents = {v.findtext("summary"): v for v in calendar.findall("vevent")}
    assert set(vevents) == {"Keynote: engines, looms; and \\ more", "Closing"}
    keynote = vevents["Keynote: engines, looms; and \\ more"]
    assert keynote.findtext("dtstart") == "20310613T090000"  # Europe/Berlin
    assert keynote.findtext("dtend") == "20310613T103000"
    assert keynote.findtext("duration") == "01:30"
    assert keynote.findtext("location") == "Hall A"
    assert keynote.findtext("category") == "Web; Mobile, & more"
    assert [a.text for a in keynote.findall("attendee")] == ["Ada Lovelace", "Bob <b>"]
    assert keynote.findtext("description") == "Analytical engines & the future\nLine two"


def test_pentabarf_groups_published_sessions_by_day_and_room(event, organizer, schedule, export):
    _, content, _ = export(organizer, f"/v1/events/{event.identifier}/export/pentabarf")
    root = ET.fromstring(content)
    assert root.tag == "schedule"
    conference = root.find("conference")
    assert conference.findtext("title") == "Schedule Summit"
    assert (conference.findtext("start"), conference.findtext("end")) == ("2031-06-13", "2031-06-15")
    assert conference.findtext("days") == "3"
    days = root.findall("day")
    assert [(d.get("index"), d.get("date")) for d in days] == [("1", "2031-06-13"), ("2", "2031-06-14")]
    [hall] = days[0].findall("room")
    assert hall.get("name") == "Hall A"
    [talk] = hall.findall("event")
    assert talk.get("id") == str(schedule["keynote"].pk)
    assert talk.findtext("start") == "09:00" and talk.findtext("duration") == "01:30"
    assert talk.findtext("title") == "Keynote: engines, looms; and \\ more"
    assert talk.findtext("track") == "Web; Mobile, & more" and talk.findtext("type") == "Talk"
    assert talk.findtext("language") == "English"
    assert [(p.get("id"), p.text) for p in talk.find("persons")] == [
        (str(schedule["ada"].pk), "Ada Lovelace"),
        (str(schedule["bob"].pk), "Bob <b>"),
    ]
    [unassigned] = days[1].findall("room")
    assert [e.findtext("title") for e in unassigned.findall("event")] == ["Closing"]
    titles = {e.findtext("title") for e in root.iter("event")}
    assert not titles & HIDDEN


def test_xml_exports_drop_characters_xml_cannot_hold(event, organizer, schedule, export):
    schedule["closing"].title = "Bell\x07 and NUL-free"
    schedule["closing"].save()
    for kind in ("xcal", "pentabarf"):
        _, content, _ = export(organizer, f"/v1/events/{event.pk}/export/{kind}")
        assert "Bell and NUL-free" in {e.text for e in ET.fromstring(content).iter() if e.text}


def test_an_event_without_published_sessions_exports_empty_but_valid_files(event, organizer, export):
    _, ical, _ = export(organizer, f"/v1/events/{event.pk}/export/ical")
    assert icalendar.Calendar.from_ical(ical).walk("VEVENT") == []
    _, xcal, _ = export(organizer, f"/v1/events/{event.pk}/export/xcal")
    assert ET.fromstring(xcal).find("vcalendar").findall("vevent") == []
    _, penta, _ = export(organizer, f"/v1/events/{event.pk}/export/pentabarf")
    assert ET.fromstring(penta).findall("day") == []


def test_the_export_notifies_its_owner_with_the_download_link(event, organizer, schedule, export):
    export(organizer, f"/v1/events/{event.pk}/export/ical")
    notice = Notification.objects.get(user=organizer, kind="event_export")
    assert notice.title == "iCal schedule of Schedule Summit is ready"
    assert "/download?token=" in notice.message


def test_an_export_whose_event_vanished_fails_with_a_reason(event, organizer, django_capture_on_commit_callbacks):
    from events.models import Event
    from tests.exports.conftest import client_for

    client = client_for(organizer)
    with django_capture_on_commit_callbacks() as callbacks:
        task_url = client.get(f"/v1/events/{event.pk}/export/ical").json()["task_url"]
    assert client.get(task_url).json() == {"state": "WAITING", "result": None}
    Event.objects.filter(pk=event.pk).delete()
    for callback in callbacks:
        try:
            callback()
        except Exception:  # noqa: BLE001 — an eager task re-raises its failure; the state is what matters
            pass
    assert client.get(task_url).json() == {"state": "FAILURE", "result": "The event no longer exists."}
