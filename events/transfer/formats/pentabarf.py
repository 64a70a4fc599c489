"""The schedule as Pentabarf XML (`<schedule><conference/><day><room><event/>…`), the format conference apps
(Giggity, ConfClerk…) read: published sessions by day and room, times local to the event."""

import xml.etree.ElementTree as ET
from collections import defaultdict

from django.utils.text import slugify

from events.transfer.formats.schedule import duration, plain, published_sessions, session_url, xml_safe, zone

NO_ROOM = "Unassigned"


def _add(parent, tag, text="", **attributes):
    child = ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in attributes.items()})
    child.text = xml_safe(text)
    return child


def build(event, options):
    tz = zone(event)
    sessions = list(published_sessions(event))
    start, end = event.starts_at.astimezone(tz).date(), event.ends_at.astimezone(tz).date()
    days = defaultdict(lambda: defaultdict(list))
    for session in sessions:
        room = session.microlocation.name if session.microlocation_id else NO_ROOM
        days[session.starts_at.astimezone(tz).date()][room].append(session)
    if days:
        start, end = min(start, *days), max(end, *days)

    root = ET.Element("schedule")
    conference = ET.SubElement(root, "conference")
    _add(conference, "title", event.name)
    _add(conference, "subtitle", "")
    _add(conference, "venue", event.location_name)
    _add(conference, "city", event.searchable_location_name)
    _add(conference, "start", start.isoformat())
    _add(conference, "end", end.isoformat())
    _add(conference, "days", (end - start).days + 1)
    _add(conference, "day_change", "00:00")
    _add(conference, "timeslot_duration", "00:15")
    for index, day in enumerate(sorted(days), start=1):
        day_node = _add(root, "day", index=index, date=day.isoformat())
        for room in sorted(days[day]):
            room_node = _add(day_node, "room", name=room)
            for session in days[day][room]:
                node = _add(room_node, "event", id=session.pk)
                _add(node, "start", session.starts_at.astimezone(tz).strftime("%H:%M"))
                _add(node, "duration", duration(session))
                _add(node, "room", room)
                _add(node, "slug", slugify(session.title)[:100] or f"session-{session.pk}")
                _add(node, "title", session.title)
                _add(node, "subtitle", session.subtitle)
                _add(node, "track", session.track.name if session.track_id else "")
                _add(node, "type", session.session_type.name if session.session_type_id else "")
                _add(node, "language", session.language)
                _add(node, "abstract", plain(session.short_abstract))
                _add(node, "description", plain(session.long_abstract))
                persons = ET.SubElement(node, "persons")
                for speaker in sorted(session.speakers.all(), key=lambda s: (s.order, s.pk)):
                    _add(persons, "person", speaker.name, id=speaker.pk)
                links = ET.SubElement(node, "links")
                _add(links, "link", "Session page", href=session_url(event, session))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
