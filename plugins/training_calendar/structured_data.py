"""schema.org Event data of a training page (serialised for its <script> by multilingual.markup.json_ld)."""

import datetime

EVENT_STATUS = {
    "cancelled": "https://schema.org/EventCancelled",
}
SCHEDULED = "https://schema.org/EventScheduled"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"


def iso(value):
    """Return a date as YYYY-MM-DD, a date-time with its UTC offset (2027-03-15T10:00:00+02:00)."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def event_data(training, lang, organiser_name, organiser_url, page_url):
    """Return the schema.org Event of a training in ``lang`` as a dict."""
    record = training.record
    place = record["place"]
    municipality = place["municipality"].in_lang(lang).text
    venue = place["venue"].in_lang(lang).text if place.get("venue") else None
    organizers = [{"@type": "Organization", "name": organiser_name, "url": organiser_url}]
    if record.get("organiser"):
        organizers.append({"@type": "Organization", "name": record["organiser"].in_lang(lang).text})
    languages = record["languages"]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": record["title"].in_lang(lang).text,
        "description": record["summary"].in_lang(lang).text,
        "startDate": iso(training.start),
        "endDate": iso(training.end),
        "eventStatus": EVENT_STATUS.get(training.status, SCHEDULED),
        "eventAttendanceMode": OFFLINE,
        "location": {
            "@type": "Place",
            "name": venue or municipality,
            "address": {"@type": "PostalAddress", "addressLocality": municipality},
        },
        "organizer": organizers[0] if len(organizers) == 1 else organizers,
        "audience": {"@type": "Audience", "audienceType": record["audience"].in_lang(lang).text},
        "inLanguage": languages[0] if len(languages) == 1 else list(languages),
        "url": page_url,
    }
    return data
