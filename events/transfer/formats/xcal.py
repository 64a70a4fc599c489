"""The schedule as xCal XML in the form the Open Event server and frab write (`<iCalendar><vcalendar>` with
one `<vevent>` per published session; times local to the event, as `YYYYMMDDTHHMMSS`)."""

import xml.etree.ElementTree as ET

from events.transfer.formats.schedule import (
    duration,
    plain,
    published_sessions,
    session_url,
    speaker_names,
    uid,
    xml_safe,
    zone,
)

XCAL_NS = "urn:ietf:params:xml:ns:xcal"


def _add(parent, tag, text):
    child = ET.SubElement(parent, tag)
    child.text = xml_safe(text)
    return child


def build(event, options):
    tz = zone(event)
    root = ET.Element("iCalendar", {"xmlns:xCal": XCAL_NS})
    calendar = ET.SubElement(root, "vcalendar")
    _add(calendar, "version", "2.0")
    _add(calendar, "prodid", "-//eventyay//Event schedule//EN")
    _add(calendar, "x-wr-caldesc", event.name)
    _add(calendar, "x-wr-calname", event.name)
    for session in published_sessions(event):
        vevent = ET.SubElement(calendar, "vevent")
        _add(vevent, "method", "PUBLISH")
        _add(vevent, "uid", uid(event, session))
        _add(vevent, "dtstart", session.starts_at.astimezone(tz).strftime("%Y%m%dT%H%M%S"))
        _add(vevent, "dtend", session.ends_at.astimezone(tz).strftime("%Y%m%dT%H%M%S"))
        _add(vevent, "duration", duration(session))
        _add(vevent, "summary", session.title)
        _add(vevent, "description", plain(session.long_abstract) or plain(session.short_abstract))
        _add(vevent, "class", "PUBLIC")
        _add(vevent, "status", "CONFIRMED")
        _add(vevent, "category", session.track.name if session.track_id else "")
        _add(vevent, "url", session_url(event, session))
        _add(vevent, "location", session.microlocation.name if session.microlocation_id else "")
        for name in speaker_names(session):
            _add(vevent, "attendee", name)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
