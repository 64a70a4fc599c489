"""The schedule as an iCalendar file (RFC 5545): one VEVENT per published session, times in UTC."""

from datetime import UTC

from django.utils import timezone

from events.transfer.formats.schedule import plain, published_sessions, session_url, speaker_names, uid


def escape(value):
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = str(value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r", "").replace("\n", "\\n")


def fold(line):
    """Lines of at most 75 octets, continued with a leading space (§3.1); never inside a UTF-8 sequence."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def build(event, options):
    now = stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//eventyay//Event schedule//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(event.name)}",
        f"X-WR-TIMEZONE:{escape(event.timezone or 'UTC')}",
    ]
    for session in published_sessions(event):
        description = plain(session.long_abstract) or plain(session.short_abstract)
        speakers = speaker_names(session)
        if speakers:
            description = f"Speakers: {', '.join(speakers)}" + (f"\n\n{description}" if description else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(event, session)}",
            f"DTSTAMP:{now}",
            f"DTSTART:{stamp(session.starts_at)}",
            f"DTEND:{stamp(session.ends_at)}",
            f"SUMMARY:{escape(session.title)}",
            f"URL:{session_url(event, session)}",
        ]
        if description:
            lines.append(f"DESCRIPTION:{escape(description)}")
        if session.microlocation_id:
            lines.append(f"LOCATION:{escape(session.microlocation.name)}")
        if session.track_id:
            lines.append(f"CATEGORIES:{escape(session.track.name)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
