"""The calendar feed: an iCalendar (RFC 5545) file of a person's deadlines, an all-day
event per step on its due date, for calendar apps to subscribe to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from service.i18n import N_, gettext
from service.reminders.digest import case_url
from service.reminders.items import Reminder

CALENDAR_NAME = N_("Deadlines of my cases")
SUMMARY = N_("Case %(number)s · %(who)s: %(title)s")
DESCRIPTION = N_("Status: %(status)s. The case's checklist: %(url)s")
# How often calendar apps should fetch the feed again (those that read the hint).
REFRESH = "PT6H"
MEDIA_TYPE = "text/calendar; charset=utf-8"
LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma, line breaks."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> Iterable[str]:
    """A content line split into lines of at most 75 octets (RFC 5545 3.1), never
    inside a UTF-8 character; each continuation starts with a space."""
    current = ""
    size = 0
    for char in line:
        width = len(char.encode())
        if size + width > LINE_OCTETS:
            yield current
            current, size = " ", 1
        current += char
        size += width
    yield current


def utc_stamp(moment: datetime) -> str:
    """A UTC date-time value: 20261210T080000Z."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def render_calendar(reminders: Sequence[Reminder], *, lang: str, base_url: str) -> bytes:
    """The feed of a person's reminders in a language, as UTF-8 iCalendar bytes."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Paperwork for returned children//Reminders//" + lang.upper(),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(gettext(CALENDAR_NAME, lang)),
        "X-WR-TIMEZONE:Europe/Kyiv",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
        f"X-PUBLISHED-TTL:{REFRESH}",
    ]
    for item in reminders:
        url = case_url(base_url, item.case_id)
        summary = gettext(SUMMARY, lang, number=item.case_number, who=item.who, title=item.title)
        description = gettext(DESCRIPTION, lang, status=item.status, url=url)
        lines.extend(
            [
                "BEGIN:VEVENT",
                f"UID:{item.uid}",
                f"DTSTAMP:{utc_stamp(item.changed_at)}",
                f"LAST-MODIFIED:{utc_stamp(item.changed_at)}",
                f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}",
                f"DTEND;VALUE=DATE:{item.due + timedelta(days=1):%Y%m%d}",
                "SUMMARY:" + escape_text(summary),
                "DESCRIPTION:" + escape_text(description),
                f"URL:{url}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        )
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line)).encode()
