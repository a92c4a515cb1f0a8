"""The training calendar: data checks, pages per language, iCalendar files and JSON-LD."""

import datetime
import json
import re
import shutil
import zoneinfo
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from conftest import FIXED_TODAY, LANGUAGES, REPO, build, page_for_url, read_html
from multilingual.romanize import slugify
from site_build import BuildFailed
from site_data import Record
from training_calendar.ical import make_calendar, sequence_number
from training_calendar.model import Training, check_trainings, group_by_month, group_by_year, split_by_date
from training_calendar.settings import SettingsError, read_settings

FIXTURES = Path(__file__).parent / "fixtures" / "training_calendar"
# The calendar's address in each language (from the titles of content/pages/training-calendar.*.md).
CALENDAR_URL = {
    "bg": "/kalendar-na-obucheniyata/",
    "en": "/en/training-calendar/",
    "el": "/el/imerologio-epimorfoseon/",
    "tr": "/tr/egitim-takvimi/",
}
CALENDAR_TITLE = {
    "bg": "Календар на обученията",
    "en": "Training calendar",
    "el": "Ημερολόγιο επιμορφώσεων",
    "tr": "Eğitim takvimi",
}
KINDS = ["new-mayors", "current-issues", "municipality-to-municipality"]
# Each kind's address under the calendar: its name in the language, romanised like the pages' addresses.
KIND_SEGMENT = {
    "bg": {
        "new-mayors": "obuchenia-za-novoizbrani-kmetove-i-obshtinski-savetnitsi",
        "current-issues": "obuchenia-po-tekushti-problemi",
        "municipality-to-municipality": "obuchenia-ot-edna-obshtina-na-druga",
    },
    "en": {
        "new-mayors": "training-for-newly-elected-mayors-and-municipal-councillors",
        "current-issues": "training-on-current-issues",
        "municipality-to-municipality": "municipality-to-municipality-training",
    },
    "el": {
        "new-mayors": "epimorfosi-neoeklegenton-dimarchon-kai-dimotikon-symvoulon",
        "current-issues": "epimorfosi-se-trechonta-zitimata",
        "municipality-to-municipality": "epimorfosi-apo-dimo-se-dimo",
    },
    "tr": {
        "new-mayors": "yeni-secilen-belediye-baskanlari-ve-belediye-meclis-uyelerine-yonelik-egitimler",
        "current-issues": "guncel-sorunlara-iliskin-egitimler",
        "municipality-to-municipality": "belediyeden-belediyeye-egitimler",
    },
}
ARCHIVE_SEGMENT = {
    "bg": "minali-obuchenia",
    "en": "past-trainings",
    "el": "proigoumenes-epimorfoseis",
    "tr": "gecmis-egitimler",
}
# A fixture training's title is "<Training> <id>": its address is the romanised word, then the id.
TRAINING_WORD = {"bg": "obuchenie", "en": "training", "el": "epimorfosi", "tr": "egitim"}


def kind_url(kind, lang):
    return f"{CALENDAR_URL[lang]}{KIND_SEGMENT[lang][kind]}/"


def archive_url(lang):
    return f"{CALENDAR_URL[lang]}{ARCHIVE_SEGMENT[lang]}/"


def training_url(id_, lang):
    """Return the address of a fixture training's page in ``lang``."""
    return f"{CALENDAR_URL[lang]}{TRAINING_WORD[lang]}-{id_}/"


def fixture_id(href):
    """Return the id of the fixture training a link leads to."""
    return href.rstrip("/").rsplit("/", 1)[1].split("-", 1)[1]


EXAMPLES = sorted(path.stem for path in (REPO / "data" / "trainings").glob("*.yaml"))


def ics_url(page_url):
    """Return the address of a page's .ics: named like the page, in its language (…/obuchenie-x/ → …/obuchenie-x.ics)."""
    return page_url.rstrip("/") + ".ics"


def ics_path(output, lang):
    """Return the whole calendar of a language."""
    return page_for_url(output, ics_url(CALENDAR_URL[lang]))


def parse_ics(path):
    """Parse an .ics file, failing on anything icalendar cannot read."""
    return Calendar.from_ical(Path(path).read_bytes())


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def with_fixture_trainings(root, names=None):
    """Replace the example trainings of a site copy by the fixtures (or by none)."""
    folder = Path(root) / "data" / "trainings"
    shutil.rmtree(folder)
    folder.mkdir()
    for path in sorted(FIXTURES.glob("*.yaml")):
        if names is None or path.stem in names:
            shutil.copy(path, folder / path.name)
    return folder


# Pure helpers ---------------------------------------------------------------------------------


def training(id_, start, end, kind="current-issues", status="open"):
    record = Record(id=id_, kind=kind, start=start, end=end, status=status, languages=["bg"])
    record.path, record.line, record.key_lines = f"data/trainings/{id_}.yaml", 1, {"status": 5, "end": 4}
    return Training(id_, record)


SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")
SAMPLE = [
    training("c", datetime.date(2026, 12, 3), datetime.date(2026, 12, 3)),
    training("a", datetime.date(2025, 5, 14), datetime.date(2025, 5, 15), status="held"),
    training(
        "d", datetime.datetime(2026, 12, 3, 9, 0, tzinfo=SOFIA), datetime.datetime(2026, 12, 3, 12, 0, tzinfo=SOFIA)
    ),
    training("b", datetime.date(2026, 11, 26), datetime.date(2026, 11, 26), status="held"),
    training("e", datetime.date(2026, 11, 25), datetime.date(2026, 11, 27)),
    training("f", datetime.date(2027, 1, 20), datetime.date(2027, 1, 21)),
]


def test_split_by_date_puts_a_training_under_way_in_upcoming_and_yesterday_in_past():
    upcoming, past = split_by_date(SAMPLE, FIXED_TODAY)
    assert [t.id for t in upcoming] == ["e", "c", "d", "f"]  # soonest first; same day by start hour, then id
    assert [t.id for t in past] == ["b", "a"]  # most recent first


def test_split_by_date_moves_with_today():
    upcoming, past = split_by_date(SAMPLE, datetime.date(2026, 12, 4))
    assert [t.id for t in upcoming] == ["f"]
    assert [t.id for t in past] == ["d", "c", "b", "e", "a"]  # most recent start first


def test_group_by_month_and_by_year():
    upcoming, past = split_by_date(SAMPLE, FIXED_TODAY)
    months = group_by_month(upcoming)
    assert [(month.isoformat(), [t.id for t in group]) for month, group in months] == [
        ("2026-11-01", ["e"]),
        ("2026-12-01", ["c", "d"]),
        ("2027-01-01", ["f"]),
    ]
    assert [(year, [t.id for t in group]) for year, group in group_by_year(past)] == [(2026, ["b"]), (2025, ["a"])]


def test_check_trainings_warns_about_stale_statuses():
    trainings = [
        training("future-held", datetime.date(2027, 1, 1), datetime.date(2027, 1, 1), status="held"),
        training("past-open", datetime.date(2026, 1, 1), datetime.date(2026, 1, 1), status="open"),
    ]
    problems = {(p.path, p.severity): p for p in check_trainings(trainings, set(KINDS), FIXED_TODAY)}
    assert "status is 'held'" in problems[("data/trainings/future-held.yaml", "warning")].message
    assert "still 'open'" in problems[("data/trainings/past-open.yaml", "warning")].message


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"TRAINING_CALENDAR_SHOW_EXAMPLE": False}, "unknown setting TRAINING_CALENDAR_SHOW_EXAMPLE"),
        ({"TRAINING_CALENDAR_SHOW_EXAMPLES": "no"}, "TRAINING_CALENDAR_SHOW_EXAMPLES must be a bool"),
        ({"TRAINING_CALENDAR_PAGE_KEY": 3}, "TRAINING_CALENDAR_PAGE_KEY must be a str"),
    ],
)
def test_settings_are_checked(settings, message):
    with pytest.raises(SettingsError, match=message) as raised:
        read_settings(settings)
    assert str(raised.value).startswith("training_calendar: ")


def test_settings_defaults_are_not_written_back():
    settings = {"TRAINING_CALENDAR_SHOW_EXAMPLES": False}
    assert read_settings(settings)["TRAINING_CALENDAR_SHOW_EXAMPLES"] is False
    assert read_settings({})["TRAINING_CALENDAR_SHOW_EXAMPLES"] is True
    assert settings == {"TRAINING_CALENDAR_SHOW_EXAMPLES": False}


def test_kind_names_are_the_headings_of_the_trainings_page():
    """data/training_kinds.yaml names the kinds as content/pages/trainings.<lang>.md does."""
    kinds = yaml.safe_load((REPO / "data" / "training_kinds.yaml").read_text(encoding="utf-8"))
    assert [kind["id"] for kind in kinds] == KINDS
    for lang in LANGUAGES:
        lines = (REPO / "content" / "pages" / f"trainings.{lang}.md").read_text(encoding="utf-8").splitlines()
        headings = [line for line, following in zip(lines, lines[1:], strict=False) if following.startswith(":   ")]
        assert [kind["name"][lang] for kind in kinds] == headings


# Mistakes an editor can make in a training file ------------------------------------------------

VALID = """\
kind: current-issues
title:
  bg: Обучение по текущи проблеми
  en: Training on current issues
summary:
  bg: Кратко описание.
start: 2027-03-15
end: 2027-03-16
place:
  municipality:
    bg: Хасково
audience:
  bg: Общински служители
languages: [bg]
status: open
example: false
"""


def line_of(text, start):
    """Return the number of the first line of ``text`` that starts with ``start``."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(start))


MISTAKES = {
    "missing-kind": (
        VALID.replace("kind: current-issues\n", ""),
        "title:",
        "the required field 'kind' is missing",
        "add 'kind: …', e.g. kind: new-mayors",
    ),
    "unknown-kind": (
        VALID.replace("kind: current-issues", "kind: new-mayor"),
        "kind:",
        "'kind' is 'new-mayor', which is not a known training_kinds id",
        "write one of: current-issues, municipality-to-municipality, new-mayors",
    ),
    "bad-date": (
        VALID.replace("start: 2027-03-15", "start: 2027-02-30"),
        "start:",
        "'start' '2027-02-30' is not a valid date",
        "write the date as YYYY-MM-DD",
    ),
    "end-before-start": (
        VALID.replace("end: 2027-03-16", "end: 2027-03-14"),
        "end:",
        "'end' (2027-03-14) is before 'start' (2027-03-15)",
        "write an 'end' on or after 'start'",
    ),
    "unknown-status": (
        VALID.replace("status: open", "status: opened"),
        "status:",
        "'status' is 'opened', which is not one of the allowed values",
        "did you mean 'open'? write one of: planned, open, full, cancelled, held",
    ),
    "unknown-language": (
        VALID.replace("  en: Training on current issues", "  fr: Formation"),
        "  fr:",
        "'fr' in 'title' is not a language of the site",
        "use one of: bg, en, el, tr",
    ),
    "no-bulgarian-title": (
        VALID.replace("  bg: Обучение по текущи проблеми\n", ""),
        "  en: Training",
        "'title' has no Bulgarian text (bg)",
        "add 'bg: …' under 'title:'",
    ),
    "duplicate-key": (
        VALID.replace("status: open", "status: open\nstatus: full"),
        "status: full",
        "the key 'status' is written twice in the same block",
        "check the indentation",
    ),
    "yaml-syntax": (
        VALID.replace("  bg: Кратко описание.", "  bg: Тема: закони"),
        "  bg: Тема",
        "YAML syntax error",
        "put text that contains ': '",
    ),
    "unknown-field": (
        VALID.replace("audience:", "audiense:"),
        "audiense:",
        "unknown field 'audiense'",
        "did you mean 'audience'?",
    ),
    "bad-language-code": (
        VALID.replace("languages: [bg]", "languages: [bg, de]"),
        "languages:",
        "'languages item' is 'de', which is not one of the allowed values",
        "write one of: bg, en, el, tr",
    ),
    "start-with-hour-end-without": (
        VALID.replace("start: 2027-03-15", "start: 2027-03-15 10:00"),
        "end:",
        "'start' (2027-03-15 10:00) and 'end' (2027-03-16) are not written the same way",
        "write both as days (YYYY-MM-DD) for whole days, or both with hours",
    ),
    "no-language": (
        VALID.replace("languages: [bg]", "languages: []"),
        "languages:",
        "'languages' names no language",
        "e.g. languages: [bg]",
    ),
    "unknown-field-in-place": (
        VALID.replace("  municipality:", "  venue:\n    bg: Зала\n  municipalty:"),
        "  municipalty:",
        "unknown field 'municipalty' in 'place'",
        "did you mean 'municipality'?",
    ),
}


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_a_mistake_in_a_training_file_stops_the_build_with_file_and_line(site_copy, tmp_path, case):
    text, line_start, message, fix = MISTAKES[case]
    name = f"2027-03-{case}.yaml"
    (site_copy / "data" / "trainings" / name).write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous build", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(site_copy, output)
    report = str(failure.value)
    prefix = f"data/trainings/{name}:{line_of(text, line_start)}: "
    problem = next((line for line in report.splitlines() if line.startswith(prefix) and message in line), None)
    assert problem is not None, report
    assert fix in problem
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "the previous build"


def test_a_training_titled_like_a_kind_is_refused_where_its_address_would_clash(site_copy, tmp_path):
    # The file name no longer matters: a training is addressed by its title, romanised.
    unique = VALID.replace("en: Training on current issues", "en: A training on current issues")
    (site_copy / "data" / "trainings" / "new-mayors.yaml").write_text(unique, encoding="utf-8")
    build(site_copy, tmp_path / "named-like-a-kind")
    clashing = VALID  # its English title is the English name of the kind "current-issues"
    (site_copy / "data" / "trainings" / "new-mayors.yaml").write_text(clashing, encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(site_copy, tmp_path / "output")
    line = next(n for n, text in enumerate(clashing.splitlines(), 1) if text.startswith("title:"))
    assert (
        f"data/trainings/new-mayors.yaml:{line}: the training's page would have the address "
        f"/en/training-calendar/training-on-current-issues/ in en, which is also the address of "
        "'training-calendar:kind:current-issues'"
    ) in str(failure.value)


def test_a_missing_calendar_page_is_reported(site_copy, tmp_path):
    for path in (site_copy / "content" / "pages").glob("training-calendar.*.md"):
        path.unlink()
    navigation = site_copy / "data" / "navigation.yaml"
    navigation.write_text(
        navigation.read_text(encoding="utf-8").replace("      - training-calendar\n", ""), encoding="utf-8"
    )
    with pytest.raises(BuildFailed) as failure:
        build(site_copy, tmp_path / "output")
    assert "content/pages:1: there is no page 'training-calendar' for the training calendar" in str(failure.value)


# A site with known trainings -----------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """The real content with the fixture trainings instead of the examples, built twice."""
    root = tmp_path_factory.mktemp("calendar-site")
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    with_fixture_trainings(root)
    first = build(root, root / "first")
    second = build(root, root / "second")
    return first, second


def month_headings(output, lang, url=None):
    soup = read_html(page_for_url(output, url or CALENDAR_URL[lang]))
    return [h2.get_text(strip=True) for h2 in soup.select("main section > h2")]


@pytest.mark.parametrize(
    "lang, headings",
    [
        ("bg", ["Ноември 2026\u202fг.", "Декември 2026\u202fг.", "Януари 2027\u202fг."]),  # CLDR: narrow no-break space
        ("en", ["November 2026", "December 2026", "January 2027"]),
        ("el", ["Νοέμβριος 2026", "Δεκέμβριος 2026", "Ιανουάριος 2027"]),
        ("tr", ["Kasım 2026", "Aralık 2026", "Ocak 2027"]),
    ],
)
def test_calendar_lists_upcoming_trainings_by_month_in_each_language(fixture_site, lang, headings):
    output, _second = fixture_site
    assert month_headings(output, lang) == headings
    soup = read_html(page_for_url(output, CALENDAR_URL[lang]))
    titles = [fixture_id(a["href"]) for a in soup.select("main .th-trainings__title a")]
    assert titles == ["2026-11-under-way", "2026-12-timed", "2026-12-cancelled", "2027-01-two-days-timed"]
    assert soup.select_one("main section > h2 time")["datetime"] == "2026-11"


def test_calendar_item_shows_dates_place_and_kind_in_words(fixture_site):
    output, _second = fixture_site
    soup = read_html(page_for_url(output, CALENDAR_URL["en"]))
    item = next(li for li in soup.select(".th-trainings__item") if "2026-12-timed" in li.h3.a["href"])
    times = item.select("time")
    assert [t["datetime"] for t in times] == ["2026-12-03T10:00:00+02:00", "2026-12-03T16:30:00+02:00"]
    assert [t.get_text() for t in times] == ["3 December 2026, 10:00", "16:30"]
    kind = item.find("a", href=kind_url("new-mayors", "en"))
    assert kind.get_text() == "Training for newly elected mayors and municipal councillors"
    assert "Municipality 2026-12-timed" in item.get_text()
    assert "Hall 2026-12-timed" in item.get_text()
    cancelled = next(li for li in soup.select(".th-trainings__item") if "2026-12-cancelled" in li.h3.a["href"])
    assert cancelled.select_one(".th-training-tag--cancelled").get_text() == "Cancelled"
    two_days = next(li for li in soup.select(".th-trainings__item") if "two-days" in li.h3.a["href"])
    assert [t.get_text() for t in two_days.select("time")] == ["20 January 2027 09:00", "21 January 2027 13:00"]


def test_a_bulgarian_fallback_is_marked_with_its_language(fixture_site):
    output, _second = fixture_site
    soup = read_html(page_for_url(output, CALENDAR_URL["el"]))
    item = next(li for li in soup.select(".th-trainings__item") if "2026-12-timed" in li.h3.a["href"])
    fallbacks = [span.get_text() for span in item.find_all("span", lang="bg")]
    assert "Резюме на 2026-12-timed." in fallbacks  # the summary has no Greek text
    assert "Община 2026-12-timed" in fallbacks
    assert item.h3.get_text() == "Επιμόρφωση 2026-12-timed"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_kind_pages_filter_the_calendar_without_javascript(fixture_site, lang):
    output, _second = fixture_site
    calendar = read_html(page_for_url(output, CALENDAR_URL[lang]))
    filters = calendar.select("nav.th-training-filter a")
    assert [a["href"] for a in filters] == [CALENDAR_URL[lang]] + [kind_url(kind, lang) for kind in KINDS]
    assert filters[0].get("aria-current") == "page"
    assert not calendar.find("script")
    expected = {
        "new-mayors": (["2026-12-timed"], ["2025-05-past-year"]),
        "current-issues": (["2026-11-under-way", "2027-01-two-days-timed"], ["2026-10-past-whole-day"]),
        "municipality-to-municipality": (["2026-12-cancelled"], ["2026-11-ended-yesterday"]),
    }
    for kind, (upcoming, past) in expected.items():
        soup = read_html(page_for_url(output, kind_url(kind, lang)))
        current = soup.select('nav.th-training-filter a[aria-current="page"]')
        assert [a["href"] for a in current] == [kind_url(kind, lang)]
        assert soup.h1.get_text() == current[0].get_text()  # the kind's name, in words
        upcoming_ids = [
            fixture_id(a["href"])
            for a in soup.select("main section:not([aria-labelledby=past-trainings]) .th-trainings__title a")
        ]
        past_ids = [
            fixture_id(a["href"]) for a in soup.select("section[aria-labelledby=past-trainings] .th-trainings__title a")
        ]
        assert (upcoming_ids, past_ids) == (upcoming, past)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_archive_lists_past_trainings_by_year(fixture_site, lang):
    output, _second = fixture_site
    calendar = read_html(page_for_url(output, CALENDAR_URL[lang]))
    archive_href = archive_url(lang)
    assert calendar.find("a", href=archive_href) is not None
    soup = read_html(page_for_url(output, archive_href))
    years = [
        (section.h2.get_text(), [fixture_id(a["href"]) for a in section.select(".th-trainings__title a")])
        for section in soup.select("main section")
    ]
    assert years == [
        ("2026", ["2026-11-ended-yesterday", "2026-10-past-whole-day"]),
        ("2025", ["2025-05-past-year"]),
    ]
    breadcrumbs = [a["href"] for a in soup.select(".th-breadcrumbs a")]
    assert breadcrumbs[-1] == CALENDAR_URL[lang]


def test_a_past_training_shows_no_stale_registration(fixture_site):
    output, _second = fixture_site
    soup = read_html(page_for_url(output, training_url("2026-12-timed", "en")))
    assert "Register by 2026-11-30." in soup.main.get_text()
    assert soup.main.find("a", href="https://example.org/register") is not None
    past = read_html(page_for_url(output, training_url("2026-10-past-whole-day", "en")))
    assert past.select_one(".th-training-tag--held").get_text() == "Held"


# iCalendar ---------------------------------------------------------------------------------------


def test_ics_files_are_byte_identical_between_two_builds(fixture_site):
    first, second = fixture_site
    files = sorted(path.relative_to(first) for path in first.rglob("*.ics"))
    assert len(files) == 4 * (1 + 7)
    for path in files:
        assert (first / path).read_bytes() == (second / path).read_bytes(), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_a_valid_calendar_with_stable_uids(fixture_site, lang):
    first, second = fixture_site
    raw = ics_path(first, lang).read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = parse_ics(ics_path(first, lang))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = events_by_uid(calendar)
    ids = sorted(path.stem for path in FIXTURES.glob("*.yaml"))
    assert sorted(events) == [f"{id_}@training-calendar.rao-trakia" for id_ in ids]
    assert sorted(events) == sorted(events_by_uid(parse_ics(ics_path(second, lang))))
    for event in events.values():
        stamp = event.decoded("DTSTAMP")
        assert stamp.tzinfo is not None and stamp.utcoffset() == datetime.timedelta(0)
        assert "DTSTART" in event and "DTEND" in event and "SUMMARY" in event
    timed = events["2026-12-timed@training-calendar.rao-trakia"]
    assert timed.decoded("DTSTAMP") == datetime.datetime(2026, 11, 20, 7, 15, tzinfo=datetime.UTC)  # from 'updated'


def test_ics_uses_tzid_for_hours_and_exclusive_dates_for_whole_days(fixture_site):
    output, _second = fixture_site
    raw = ics_path(output, "en").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Sofia:20261203T100000" in raw
    assert "DTEND;TZID=Europe/Sofia:20261203T163000" in raw
    calendar = parse_ics(ics_path(output, "en"))
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Sofia"]
    events = events_by_uid(calendar)
    timed = events["2026-12-timed@training-calendar.rao-trakia"]
    assert timed["DTSTART"].params["TZID"] == "Europe/Sofia"
    assert timed.decoded("DTSTART") == datetime.datetime(2026, 12, 3, 10, 0, tzinfo=SOFIA)
    whole = events["2026-11-under-way@training-calendar.rao-trakia"]
    assert whole["DTSTART"].params["VALUE"] == "DATE"
    assert whole.decoded("DTSTART") == datetime.date(2026, 11, 26)
    assert whole.decoded("DTEND") == datetime.date(2026, 11, 29)  # the day after the last day
    one_day = events["2026-10-past-whole-day@training-calendar.rao-trakia"]
    assert one_day.decoded("DTEND") - one_day.decoded("DTSTART") == datetime.timedelta(days=1)
    assert str(events["2026-12-cancelled@training-calendar.rao-trakia"]["STATUS"]) == "CANCELLED"
    assert str(events["2027-01-two-days-timed@training-calendar.rao-trakia"]["STATUS"]) == "TENTATIVE"
    assert str(timed["STATUS"]) == "CONFIRMED"


@pytest.mark.parametrize(
    "lang, summary, location",
    [
        ("bg", "Обучение 2026-12-timed", "Зала 2026-12-timed, Община 2026-12-timed"),
        ("en", "Training 2026-12-timed", "Hall 2026-12-timed, Municipality 2026-12-timed"),
        ("el", "Επιμόρφωση 2026-12-timed", "Зала 2026-12-timed, Община 2026-12-timed"),
        ("tr", "Eğitim 2026-12-timed", "Зала 2026-12-timed, Община 2026-12-timed"),
    ],
)
def test_each_training_has_its_own_ics_in_each_language(fixture_site, lang, summary, location):
    output, _second = fixture_site
    page_url = training_url("2026-12-timed", lang)
    soup = read_html(page_for_url(output, page_url))
    link = soup.main.find("a", href=ics_url(page_url))
    assert link is not None and link["type"] == "text/calendar"
    calendar = parse_ics(page_for_url(output, link["href"]))
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "2026-12-timed@training-calendar.rao-trakia"
    assert str(event["SUMMARY"]) == summary
    assert str(event["LOCATION"]) == location
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Sofia"]
    whole_day = parse_ics(page_for_url(output, ics_url(training_url("2026-12-cancelled", lang))))
    assert whole_day.walk("VTIMEZONE") == []  # no time zone needed for whole days
    assert str(whole_day.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


@pytest.fixture(scope="module")
def empty_calendar(tmp_path_factory):
    """The real content with no training at all, built once."""
    root = tmp_path_factory.mktemp("empty-calendar")
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    with_fixture_trainings(root, names=[])
    return build(root, root / "output")


def test_an_empty_calendar_is_neither_indexed_nor_promoted(empty_calendar):
    output = empty_calendar
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        empty = [CALENDAR_URL[lang], archive_url(lang)] + [kind_url(kind, lang) for kind in KINDS]
        for url in empty:
            soup = read_html(page_for_url(output, url))
            assert soup.select_one("main .th-training-empty") is not None, url
            assert [m["content"] for m in soup.select('head meta[name="robots"]')] == ["noindex"], url
            assert soup.select("[data-pagefind-body]") == [], url
            assert f"<loc>{url}</loc>" not in sitemap
        home = read_html(page_for_url(output, "/" if lang == "bg" else f"/{lang}/"))
        assert not home.main.select(f'a[href="{CALENDAR_URL[lang]}"]'), "the home page promotes an empty calendar"
        assert home.main.select(".th-card"), "the other sections are still on the home page"


def test_a_calendar_with_trainings_is_indexed_and_promoted(fixture_site):
    output, _second = fixture_site
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        for url in [CALENDAR_URL[lang], archive_url(lang)] + [kind_url(kind, lang) for kind in KINDS]:
            soup = read_html(page_for_url(output, url))
            assert not soup.select('head meta[name="robots"]'), url
            assert soup.select("main[data-pagefind-body]"), url
            assert f"<loc>{url}</loc>" in sitemap
        home = read_html(page_for_url(output, "/" if lang == "bg" else f"/{lang}/"))
        assert home.main.select(f'a[href="{CALENDAR_URL[lang]}"]')


def test_an_empty_calendar_is_valid_and_says_so(empty_calendar):
    output = empty_calendar
    for lang in LANGUAGES:
        calendar = parse_ics(ics_path(output, lang))
        assert calendar.name == "VCALENDAR" and calendar["VERSION"] == "2.0"
        assert calendar.walk("VEVENT") == []
        assert len(calendar.subcomponents) >= 1  # RFC 5545 wants at least one component
        soup = read_html(page_for_url(output, CALENDAR_URL[lang]))
        assert soup.select_one("main .th-training-empty") is not None
        assert soup.main.find("a", href=ics_url(CALENDAR_URL[lang])) is not None
        assert soup.select("main section") == []
    soup = read_html(page_for_url(output, CALENDAR_URL["en"]))
    assert soup.select_one("main .th-training-empty").get_text(strip=True) == "No trainings have been announced yet."


# The real site ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_calendar_page_in_each_language(real_site, lang):
    soup = read_html(page_for_url(real_site, CALENDAR_URL[lang]))
    assert soup.html["lang"] == lang
    assert soup.h1.get_text() == CALENDAR_TITLE[lang]
    ics = soup.main.find("a", href=ics_url(CALENDAR_URL[lang]))
    assert ics is not None
    [announced] = soup.select('head link[rel="alternate"][type="text/calendar"]')  # once, as on every page
    assert announced["href"] == ics["href"]
    assert len(events_by_uid(parse_ics(page_for_url(real_site, ics["href"])))) == len(EXAMPLES)
    # Listed in the menu of its section, right after the page on trainings.
    section = [a["href"] for a in soup.select(".th-section-nav a")]
    trainings = section.index(
        next(
            href for href in section if href.rstrip("/").endswith(("obuchenia", "training", "epimorfosi", "egitimler"))
        )
    )
    assert section[trainings + 1] == CALENDAR_URL[lang]
    assert soup.select('.th-section-nav a[aria-current="page"]')[0]["href"] == CALENDAR_URL[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_examples_are_labelled_in_the_development_build(real_site, lang):
    soup = read_html(page_for_url(real_site, CALENDAR_URL[lang]))
    items = soup.select(".th-trainings__item")
    assert items and all(item.select_one(".th-training-tag--example") for item in items)
    for kind in KINDS:
        assert page_for_url(real_site, kind_url(kind, lang)).is_file()
    assert page_for_url(real_site, archive_url(lang)).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_real_training_pages_have_event_json_ld(real_site, lang):
    site_names = yaml.safe_load((REPO / "data" / "site.yaml").read_text(encoding="utf-8"))["name"]
    statuses = {}
    for id_ in EXAMPLES:
        data = yaml.safe_load((REPO / "data" / "trainings" / f"{id_}.yaml").read_text(encoding="utf-8"))
        url = f"{CALENDAR_URL[lang]}{slugify(data['title'][lang], lang)}/"
        soup = read_html(page_for_url(real_site, url))
        assert soup.h1.get_text() == data["title"][lang]
        assert soup.select_one("main .th-training-tag--example") is not None
        if lang == "en":
            assert soup.select_one("main .th-training-tag--example").get_text() == "Example"
        (script,) = soup.find_all("script", type="application/ld+json")
        event = json.loads(script.string)
        assert event["@context"] == "https://schema.org" and event["@type"] == "Event"
        assert event["name"] == data["title"][lang]
        assert event["startDate"].startswith(str(data["start"])[:10])
        assert event["endDate"].startswith(str(data["end"])[:10])
        assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
        assert event["location"]["@type"] == "Place"
        assert event["location"]["address"]["addressLocality"] == data["place"]["municipality"][lang]
        assert event["organizer"] == {
            "@type": "Organization",
            "name": site_names[lang],
            "url": "/" + ("" if lang == "bg" else f"{lang}/"),
        }
        assert event["inLanguage"] in (data["languages"][0], data["languages"])
        assert event["url"] == url
        statuses[id_] = event["eventStatus"]
        ics = soup.main.find("a", href=ics_url(url))
        assert ics is not None and page_for_url(real_site, ics["href"]).is_file()
    assert statuses["example-2026-12-municipality-to-municipality"] == "https://schema.org/EventCancelled"
    assert {s for i, s in statuses.items() if "2026-12" not in i} == {"https://schema.org/EventScheduled"}


def test_real_examples_are_two_of_each_kind_around_today():
    records = {
        id_: yaml.safe_load((REPO / "data" / "trainings" / f"{id_}.yaml").read_text(encoding="utf-8"))
        for id_ in EXAMPLES
    }
    assert len(records) == 6 and all(r["example"] is True for r in records.values())
    assert sorted(r["kind"] for r in records.values()) == sorted(KINDS * 2)
    ends = [datetime.date.fromisoformat(str(r["end"])[:10]) for r in records.values()]
    assert any(end < FIXED_TODAY for end in ends) and any(end >= FIXED_TODAY for end in ends)
    assert [r["status"] for r in records.values()].count("cancelled") == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_published_site_has_no_examples(published_site, lang):
    output = published_site
    folder = output / CALENDAR_URL[lang].lstrip("/")
    assert not [path for path in folder.rglob("*") if "example" in path.name]
    calendar = parse_ics(ics_path(output, lang))
    assert calendar.walk("VEVENT") == []
    soup = read_html(folder / "index.html")
    assert soup.select_one("main .th-training-empty") is not None
    # noindex while empty, so no hreflang: validators report alternates that are noindex.
    assert soup.select('head meta[name="robots"][content="noindex"]') and not soup.select("head link[hreflang]")
    assert not soup.select(".th-training-tag--example")
    assert "/example-" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    link = soup.find("link", rel="alternate", type="text/calendar")["href"]
    assert re.match(r"^https?://", link)  # absolute addresses in the published site


@pytest.mark.parametrize("lang", ["bg", "en", "el", "tr"])
def test_every_page_links_the_calendar_file_of_its_language(real_site, lang):
    prefix = "" if lang == "bg" else f"{lang}/"
    home = read_html(real_site / prefix / "index.html")
    [link] = home.select('link[rel="alternate"][type="text/calendar"]')
    assert not link.has_attr("hreflang") and link["title"]  # a file is no translation of the page
    assert page_for_url(real_site, link["href"]).is_file()


def test_a_calendar_name_with_line_breaks_and_separators_stays_one_property():
    # The name comes from data texts (the page title, the short name), which may span lines.
    name = "Calendar; of, trainings\nX-INJECTED:1"
    ics = make_calendar([], "Europe/Sofia", 2026, name=name, always_time_zone=True)
    assert not re.search(rb"^X-INJECTED", ics, re.MULTILINE)
    calendar = Calendar.from_ical(ics)
    assert "NAME:Calendar\\; of\\, trainings\\nX-INJECTED:1" in ics.decode()
    assert calendar["X-WR-CALNAME"].to_ical().decode() == "Calendar\\; of\\, trainings\\nX-INJECTED:1"


@pytest.mark.parametrize(
    ("updated", "cancelled", "expected"),
    [
        (None, False, 0),
        (None, True, 1),
        (datetime.date(2000, 1, 2), False, 2),
        (datetime.date(2000, 1, 2), True, 3),
        (datetime.datetime(2026, 11, 27, 9, 30), True, 2 * 9827 + 1),
    ],
)
def test_sequence_grows_with_updated_and_with_cancelling(updated, cancelled, expected):
    assert sequence_number(updated, cancelled) == expected


def test_a_cancelled_event_outranks_the_scheduled_one(tmp_path, site_copy, fixture_site):
    uid = "2026-12-cancelled@training-calendar.rao-trakia"
    cancelled, _second = fixture_site  # the fixture trainings, this one cancelled
    folder = with_fixture_trainings(site_copy, names=["2026-12-cancelled"])
    source = folder / "2026-12-cancelled.yaml"
    assert "status: cancelled" in source.read_text(encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8").replace("status: cancelled", "status: open"), encoding="utf-8")
    scheduled = build(site_copy, tmp_path / "scheduled")
    for lang in LANGUAGES:
        before = events_by_uid(parse_ics(ics_path(scheduled, lang)))[uid]
        after = events_by_uid(parse_ics(ics_path(cancelled, lang)))[uid]
        assert str(after["STATUS"]) == "CANCELLED" and str(before["STATUS"]) == "CONFIRMED"
        assert int(after["SEQUENCE"]) > int(before["SEQUENCE"]) >= 0
