"""iCalendar (RFC 5545) files of the calendar: one per language, one per training.

Two builds of the same data give byte-identical files: every value, DTSTAMP
included, comes from the data, never from the clock.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

PRODID = "-//thrace-site//training_calendar//EN"

# RFC 5545 STATUS of a VEVENT, by the status an editor writes.
EVENT_STATUS = {
    "planned": "TENTATIVE",
    "open": "CONFIRMED",
    "full": "CONFIRMED",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
}


@dataclass(frozen=True)
class EventText:
    """What one training says in one language, ready for a VEVENT."""

    uid: str
    start: object
    end: object
    stamp: object
    status: str
    summary: str
    description: str
    location: str
    category: str
    url: str | None = None
    last_modified: object | None = None
    sequence: int = 0


# SEQUENCE counts days from here to a training's 'updated' date (see sequence_number).
SEQUENCE_EPOCH = datetime.date(2000, 1, 1)


def sequence_number(updated, cancelled):
    """Return the VEVENT's SEQUENCE: higher after every later 'updated' date, and higher once cancelled.

    RFC 5545 asks for a number that grows with each revision, or calendar apps keep
    the copy they have. It comes from the data, never from a counter kept between
    builds: twice the days from 2000-01-01 to 'updated' (0 without one), plus one
    for a cancelled training. Cancelling therefore always outranks the scheduled
    event with the same 'updated', and a later 'updated' outranks both.
    """
    day = updated.date() if isinstance(updated, datetime.datetime) else updated
    days = (day - SEQUENCE_EPOCH).days if day else 0
    return 2 * max(days, 0) + (1 if cancelled else 0)


def utc_stamp(value, time_zone):
    """Return a date or date-time as a UTC date-time (a date counts from midnight in ``time_zone``)."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(), tzinfo=zoneinfo.ZoneInfo(time_zone))
    return value.astimezone(datetime.UTC)


def make_event(text):
    """Return the VEVENT of one training; a whole-day training ends the day after its last day."""
    # Imported when a file is made: a rebuild takes unchanged .ics files over and needs none.
    from icalendar import Event

    event = Event()
    event.add("uid", text.uid)
    event.add("dtstamp", text.stamp)
    event.add("sequence", text.sequence)
    if text.last_modified is not None:
        event.add("last-modified", text.last_modified)
    event.add("dtstart", text.start)
    if isinstance(text.end, datetime.datetime):
        event.add("dtend", text.end)
    else:  # DTEND of a VALUE=DATE event is exclusive
        event.add("dtend", text.end + datetime.timedelta(days=1))
    event.add("summary", text.summary)
    if text.description:
        event.add("description", text.description)
    if text.location:
        event.add("location", text.location)
    if text.category:
        event.add("categories", [text.category])
    event.add("status", EVENT_STATUS[text.status])
    if text.url:
        event.add("url", text.url)
    return event


def time_zone_span(events, fallback_year):
    """Return (first, last) dates the VTIMEZONE must cover: whole years around every event."""
    years = [value.year for text in events for value in (text.start, text.end)]
    first = min(years, default=fallback_year)
    last = max(years, default=fallback_year)
    return datetime.date(first, 1, 1), datetime.date(last + 1, 1, 1)


def make_calendar(events, time_zone, fallback_year, name=None, always_time_zone=False):
    """Return the bytes of a VCALENDAR holding ``events`` (EventText), with their VTIMEZONE.

    With ``always_time_zone`` the VTIMEZONE is included even when no event needs it:
    RFC 5545 wants at least one component, so a calendar with no training stays valid.
    """
    from icalendar import Calendar, Timezone, vText

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        # icalendar types NAME and X-WR-CALNAME as unknown, and writes unknown values as they are:
        # as TEXT they have their line breaks, commas and semicolons escaped like every other text.
        calendar.add("name", vText(name))
        calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", time_zone)
    timed = any(isinstance(text.start, datetime.datetime) for text in events)
    if timed or always_time_zone:
        first, last = time_zone_span(events, fallback_year)
        calendar.add_component(Timezone.from_tzid(time_zone, first_date=first, last_date=last))
    for text in events:
        calendar.add_component(make_event(text))
    return calendar.to_ical()
