"""The published site's machine-readable files, parsed back: Atom feeds, sitemap.xml, .ics calendars.

- Atom (lxml): a feed with id, title, updated and a self link to itself; each entry
  with id, title, updated and a link to a built page in the feed's language.
- sitemap.xml (lxml): every <loc> is a built, canonical page (so no fallback page);
  every xhtml:link alternate includes the page itself and x-default, and is
  reciprocal; the alternates are those the page itself declares.
- every .ics (icalendar): a VCALENDAR with PRODID and VERSION:2.0, each VEVENT with
  UID, DTSTAMP and DTSTART, UIDs unique. The published site leaves out the
  illustrative trainings, so the development build's calendars are parsed too.
"""

import datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from lxml import etree

from .built_pages import SITEURL, BuiltPages, alternates, canonical, page, write

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_xml(path, problems, name=None):
    """Return the root element of an XML file, or None after adding the parse error to ``problems``."""
    name = name or Path(path).name
    try:
        return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError as error:
        problems.append(f"{name}: not well-formed XML: {error}")
        return None


def rfc3339(text):
    try:
        datetime.datetime.fromisoformat((text or "").replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


# Atom feeds ------------------------------------------------------------------------------------


def feed_files(output):
    return sorted(Path(output).rglob("*.atom.xml"))


def feed_problems(pages, path):
    """Return what is wrong with one Atom feed of the built site."""
    problems = []
    name = path.relative_to(pages.output).as_posix()
    root = parse_xml(path, problems, name)
    if root is None:
        return problems
    if root.tag != f"{ATOM}feed":
        return [f"{name}: the root element is {root.tag}, not an Atom feed"]
    lang = root.get(XML_LANG)
    if not lang:
        problems.append(f"{name}: the feed has no xml:lang")
    for required in ("id", "title", "updated"):
        if not (root.findtext(f"{ATOM}{required}") or "").strip():
            problems.append(f"{name}: the feed has no <{required}>")
    if not rfc3339(root.findtext(f"{ATOM}updated")):
        problems.append(f"{name}: the feed's <updated> is not an RFC 3339 date-time")
    self_links = [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if self_links != [pages.url_of(path)]:
        problems.append(f"{name}: its self link is {self_links}, not [{pages.url_of(path)}]")
    ids = set()
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), 1):
        where = f"{name}: entry {number}"
        for required in ("id", "title", "updated"):
            if not (entry.findtext(f"{ATOM}{required}") or "").strip():
                problems.append(f"{where} has no <{required}>")
        entry_id = entry.findtext(f"{ATOM}id")
        if entry_id in ids:
            problems.append(f"{where} repeats the id {entry_id}")
        ids.add(entry_id)
        links = [
            link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"
        ]
        if not links:
            problems.append(f"{where} links to no page")
        for href in links:
            target = pages.file_for(href)
            if target is None or not target.is_file():
                problems.append(f"{where} links to {href}, which was not built")
            elif lang and pages.lang(target) != lang:
                problems.append(f"{where} links to {href}, a page in '{pages.lang(target)}' in a '{lang}' feed")
    return problems


def test_every_atom_feed_parses_and_links_to_built_pages(published):
    pages = BuiltPages(published.output, published.siteurl)
    feeds = feed_files(published.output)
    assert feeds, "the published site has no Atom feed (*.atom.xml)"
    problems = [problem for path in feeds for problem in feed_problems(pages, path)]
    assert not problems, "\n".join(problems)
    languages = {parse_xml(path, []).get(XML_LANG) for path in feeds}
    assert languages == set(published.languages), f"feeds in {sorted(languages)}, the site is in {published.languages}"


def test_feed_check_reports_a_broken_feed(tmp_path):
    write(tmp_path, "en/news/item/index.html", page("en"))
    write(tmp_path, "bg/item/index.html", page("bg"))
    write(
        tmp_path,
        "en/news.atom.xml",
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>News</title><updated>yesterday</updated>
<link rel="self" href="{SITEURL}/en/news.atom.xml"/>
<entry><title>Good</title><id>a</id><updated>2026-11-27T00:00:00+02:00</updated><link href="{SITEURL}/en/news/item/"/></entry>
<entry><title>Gone</title><id>a</id><updated>2026-11-27T00:00:00+02:00</updated><link href="{SITEURL}/en/news/gone/"/></entry>
<entry><title>Bulgarian</title><updated>2026-11-27T00:00:00+02:00</updated><link href="{SITEURL}/bg/item/"/></entry>
</feed>""",
    )
    write(tmp_path, "tr/broken.atom.xml", "<feed><entry></feed>")
    pages = BuiltPages(tmp_path, SITEURL)
    problems = [problem for path in feed_files(tmp_path) for problem in feed_problems(pages, path)]
    assert problems[:-1] == [
        "en/news.atom.xml: the feed has no <id>",
        "en/news.atom.xml: the feed's <updated> is not an RFC 3339 date-time",
        "en/news.atom.xml: entry 2 repeats the id a",
        f"en/news.atom.xml: entry 2 links to {SITEURL}/en/news/gone/, which was not built",
        "en/news.atom.xml: entry 3 has no <id>",
        f"en/news.atom.xml: entry 3 links to {SITEURL}/bg/item/, a page in 'bg' in a 'en' feed",
    ]
    assert problems[-1].startswith("tr/broken.atom.xml: not well-formed XML:"), problems


# sitemap.xml -----------------------------------------------------------------------------------


def sitemap_problems(pages):
    """Return what is wrong with the built site's sitemap.xml."""
    path = pages.output / "sitemap.xml"
    if not path.is_file():
        return ["there is no sitemap.xml"]
    problems = []
    root = parse_xml(path, problems)
    if root is None:
        return problems
    if root.tag != f"{SITEMAP}urlset":
        return [f"sitemap.xml: the root element is {root.tag}, not a sitemap urlset"]
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = (url.findtext(f"{SITEMAP}loc") or "").strip()
        if loc in entries:
            problems.append(f"sitemap.xml: {loc} is listed twice")
        entries[loc] = [
            (link.get("hreflang"), link.get("href"))
            for link in url.findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        ]
    if not entries:
        problems.append("sitemap.xml lists no page")
    for loc, listed in entries.items():
        target = pages.file_for(loc)
        if target is None or not target.is_file():
            problems.append(f"sitemap.xml: {loc} was not built")
            continue
        page_canonical = pages.tree(target).xpath("//head/link[@rel='canonical']/@href")
        if page_canonical != [loc]:
            problems.append(
                f"sitemap.xml: {loc} is not a canonical page (its canonical is {page_canonical}): "
                "a fallback or duplicate page has no place in the sitemap"
            )
        links = dict(listed)
        if not listed:
            continue
        lang = pages.lang(target)
        if links.get(lang) != loc:
            problems.append(f"sitemap.xml: {loc} is not its own '{lang}' alternate")
        if "x-default" not in links:
            problems.append(f"sitemap.xml: {loc} has no x-default alternate")
        if sorted(listed) != sorted(pages.alternates(target)):
            problems.append(f"sitemap.xml: the alternates of {loc} differ from those of the page itself")
        for hreflang, href in listed:
            if hreflang == "x-default":
                continue
            if href not in entries:
                problems.append(f"sitemap.xml: the {hreflang} alternate of {loc}, {href}, is not in the sitemap")
            elif dict(entries[href]).get(lang) != loc:
                problems.append(
                    f"sitemap.xml: the {hreflang} alternate of {loc}, {href}, does not list it back as '{lang}'"
                )
    return problems


def test_sitemap_lists_built_canonical_pages_with_reciprocal_alternates(published):
    problems = sitemap_problems(BuiltPages(published.output, published.siteurl))
    assert not problems, "\n".join(problems)


def test_sitemap_leaves_out_every_fallback_page(published):
    root = etree.parse(str(published.output / "sitemap.xml")).getroot()
    listed = {loc.text.strip() for loc in root.iter(f"{SITEMAP}loc")}
    fallbacks = {published.address(page.url) for page in published.pages if not page.is_translation}
    assert not listed & fallbacks, f"fallback pages in sitemap.xml: {sorted(listed & fallbacks)}"


def sitemap(*urls):
    items = []
    for loc, pairs in urls:
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href="{SITEURL}/{href}"/>' for lang, href in pairs
        )
        items.append(f"<url><loc>{SITEURL}/{loc}</loc>{links}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:xhtml="http://www.w3.org/1999/xhtml">{"".join(items)}</urlset>'
    )


def test_sitemap_check_reports_missing_pages_fallbacks_and_one_way_alternates(tmp_path):
    pair = (("bg", ""), ("en", "en/"), ("x-default", ""))
    one_way = (("en", "en/"), ("el", "el/"))
    write(tmp_path, "index.html", page("bg", canonical("") + alternates(*pair)))
    write(tmp_path, "en/index.html", page("en", canonical("en/") + alternates(*one_way)))
    write(tmp_path, "el/index.html", page("el", canonical("")))  # a fallback: canonical to the original
    write(
        tmp_path,
        "sitemap.xml",
        sitemap(
            ("", pair),
            ("en/", one_way),
            ("el/", ()),
            ("tr/", ()),
        ),
    )
    problems = sitemap_problems(BuiltPages(tmp_path, SITEURL))
    assert problems == [
        "sitemap.xml: the en alternate of https://example.test/, https://example.test/en/, does not list it back as 'bg'",
        "sitemap.xml: https://example.test/en/ has no x-default alternate",
        "sitemap.xml: the el alternate of https://example.test/en/, https://example.test/el/, does not list it back as 'en'",
        "sitemap.xml: https://example.test/el/ is not a canonical page (its canonical is ['https://example.test/']): "
        "a fallback or duplicate page has no place in the sitemap",
        "sitemap.xml: https://example.test/tr/ was not built",
    ]


# iCalendar ---------------------------------------------------------------------------------------


def ics_problems(path, name):
    """Return what is wrong with one .ics file, parsed back with icalendar."""
    try:
        calendar = Calendar.from_ical(Path(path).read_bytes())
    except ValueError as error:
        return [f"{name}: not iCalendar: {error}"]
    if calendar.name != "VCALENDAR":
        return [f"{name}: the top component is {calendar.name}, not VCALENDAR"]
    problems = [f"{name}: the VCALENDAR has no {prop}" for prop in ("PRODID", "VERSION") if not calendar.get(prop)]
    if calendar.get("VERSION") and str(calendar.get("VERSION")) != "2.0":
        problems.append(f"{name}: VERSION is {calendar.get('VERSION')}, not 2.0")
    uids = set()
    for number, event in enumerate(calendar.walk("VEVENT"), 1):
        uid = event.get("UID")
        problems += [
            f"{name}: VEVENT {number} ({uid or 'no UID'}) has no {prop}"
            for prop in ("UID", "DTSTAMP", "DTSTART")
            if event.get(prop) is None
        ]
        if uid in uids:
            problems.append(f"{name}: VEVENT {number} repeats the UID {uid}")
        uids.add(uid)
    return problems


@pytest.fixture(params=["published", "development"])
def built_with_calendars(request):
    return request.getfixturevalue(request.param)


def test_every_ics_file_parses_back(built_with_calendars):
    site = built_with_calendars
    files = sorted(site.output.rglob("*.ics"))
    if not files:
        pytest.skip(f"the {site.name} build has no .ics file")
    problems = [problem for path in files for problem in ics_problems(path, path.relative_to(site.output).as_posix())]
    assert not problems, "\n".join(problems)


BROKEN_ICS = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:one@example.test",
        "DTSTART;VALUE=DATE:20270315",
        "SUMMARY:No DTSTAMP",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:one@example.test",
        "DTSTAMP:20261127T000000Z",
        "SUMMARY:No start, and the same UID",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
)


def test_ics_check_reports_missing_properties(tmp_path):
    path = tmp_path / "broken.ics"
    path.write_text(BROKEN_ICS, encoding="utf-8")
    assert ics_problems(path, "broken.ics") == [
        "broken.ics: the VCALENDAR has no PRODID",
        "broken.ics: VEVENT 1 (one@example.test) has no DTSTAMP",
        "broken.ics: VEVENT 2 (one@example.test) has no DTSTART",
        "broken.ics: VEVENT 2 repeats the UID one@example.test",
    ]
    path.write_text("BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", encoding="utf-8")
    assert ics_problems(path, "event.ics") == ["event.ics: the top component is VEVENT, not VCALENDAR"]
