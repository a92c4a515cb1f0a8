"""Whatever an editor types is printed as text, in every kind of file the build writes.

Templates autoescape (the build refuses otherwise), JSON-LD blocks cannot be ended
by a text, and a copy of the real site with a hostile text in every field is
built once and searched file by file for that text, escaped as each format needs.
"""

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LANGUAGES, REPO, build, read_html
from multilingual.markup import json_ld
from multilingual.settings import SettingsError
from site_checks import replace
from site_data.schema import load_schemas


def test_a_build_without_autoescape_is_refused(site_copy):
    with pytest.raises(SettingsError, match="templates must render with autoescape on"):
        build(site_copy, site_copy / "output", JINJA_ENVIRONMENT={"autoescape": False})
    assert not (site_copy / "output").exists()


# JSON-LD ----------------------------------------------------------------------------------------

# Texts that would end a <script> block, or make the HTML parser read past its end.
SCRIPT_BREAKERS = [
    "</script><script>alert(1)</script>",
    "<!--<script>",
    "</SCRIPT >&lt;&amp;",
    "a < b && c > d",
]


@pytest.mark.parametrize("text", SCRIPT_BREAKERS)
def test_json_ld_writes_no_angle_bracket_or_ampersand(text):
    written = str(json_ld({"name": text, "alternateName": [text]}))
    assert not set("<>&") & set(written)
    assert "\\u003c" in written
    assert json.loads(written) == {"name": text, "alternateName": [text]}


def json_ld_blocks(output):
    """Return (file, raw text) of every JSON-LD block of a built site."""
    blocks = []
    for path in sorted(Path(output).rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        for match in re.finditer(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL):
            blocks.append((path.relative_to(output).as_posix(), match.group(1)))
    return blocks


def test_no_text_can_end_a_json_ld_block_on_a_built_page(site_copy):
    # The association's name is in the Organization of the home pages; a training's title in its Event.
    replace(
        site_copy,
        "data/site.yaml",
        "  bg: Регионална асоциация на общини „Тракия“",
        '  bg: "Регионална асоциация <!--<script> & </script>"',
    )
    replace(
        site_copy,
        "data/trainings/example-2027-02-current-issues.yaml",
        '  bg: "Пример: обучение по актуални промени в нормативната уредба"',
        '  bg: "Пример </script><script>alert(1)</script> <!--<script>"',
    )
    output = build(site_copy, site_copy / "output")
    blocks = json_ld_blocks(output)
    names = {}
    for relative, raw in blocks:
        # Script data without "<" cannot close the element nor open a comment that swallows the page.
        assert not set("<>&") & set(raw), relative
        data = json.loads(raw)
        names.setdefault(data["@type"], set()).add(data["name"])
    assert "Регионална асоциация <!--<script> & </script>" in names["Organization"]
    assert "Пример </script><script>alert(1)</script> <!--<script>" in names["Event"]
    # The page after the block is read as HTML again: the training's page still has its heading.
    [training_page] = [
        path
        for path, raw in blocks
        if "alert(1)" in json.loads(raw)["name"] and Path(path).parts[0] not in ("en", "el", "tr")
    ]
    soup = read_html(output / training_page)
    assert soup.find("h1").get_text() == "Пример </script><script>alert(1)</script> <!--<script>"


# Hostile text in every field --------------------------------------------------------------------
#
# A copy of the real site gets, in every text field of every data file and in the
# front matter of every page and news item, a marker unique to that field (so a
# failure names it) followed by a hostile string. One build; then every marker in
# every output file must be followed by the string written as that file's
# format requires. A template that printed it raw fails here: the check looks for
# the escaped form, it is not satisfied by the string being absent.

HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(1)>&<!--"
# A data text may hold line breaks: one more attack, on the .ics files (a property of its own).
HOSTILE_DATA_TEXT = HOSTILE + "\nX-INJECTED:1"
MARKER = re.compile(r"xss\d{4}x")

# Field types that cannot hold such text, so they are left as they are (the schemas say which fields).
SKIPPED_TYPES = {
    "id": "lowercase Latin letters, digits and hyphens",
    "ref": "an id of another record",
    "choice": "one of the values the schema lists",
    "date": "YYYY-MM-DD",
    "datetime": "YYYY-MM-DD HH:MM",
    "partial_date": "YYYY, YYYY-MM or YYYY-MM-DD",
    "boolean": "true or false",
    "integer": "digits",
    "url": "a web address (its own checks are those of the URL fields)",
    "email": "an e-mail address (its own check refuses quotes, brackets and spaces)",
    "path": "a file under content/",
    "fingerprints": "written by invoke i18n-done",
}
INJECTED_TYPES = {"text", "string"}
# Every data field the test leaves alone, by file and field: a new one must be added here knowingly.
SKIPPED_DATA_FIELDS = {
    "contacts": {"email", "profiles[]", "translated_from"},
    "accessibility": {
        "compliance",
        "wcag_level",
        "prepared_on",
        "reviewed_on",
        "method",
        "feedback.email",
        "enforcement.url",
        "translated_from",
    },
    "document_kinds": {"id", "translated_from"},
    "documents": {"id", "date", "kind", "languages[]", "file", "partners[]", "pages[]", "translated_from"},
    # The real data has no gallery yet, so nothing of one is injected; the alt texts and captions
    # are escaped by images.markup (tests/plugins/test_images.py: test_alt_and_caption_are_escaped).
    "galleries": set(),
    "navigation": {"main[].page", "main[].children[]", "footer[]"},
    "partners": {"id", "country", "translated_from"},
    "security": {"email", "url", "expires", "preferred_languages[]"},
    "services": {"id", "group", "translated_from"},
    "site": {"translated_from"},
    "structure": {"translated_from"},
    "timeline": {"id", "date", "partners[]", "documents[]", "translated_from"},
    "training_kinds": {"id", "translated_from"},
    "trainings": {
        "kind",
        "start",
        "end",
        "languages[]",
        "registration_url",
        "status",
        "updated",
        "example",
        "translated_from",
    },
}
# Front matter: only Title and Summary are free text.
SKIPPED_FRONT_MATTER = {
    "Slug": "lowercase Latin letters, digits and hyphens",
    "Date": "YYYY-MM-DD",
    "Template": "the name of one of the theme's templates",
    "Source-Fingerprint": "written by invoke i18n-done",
}
INJECTED_FRONT_MATTER = ("Title", "Summary")


class Markers:
    """The markers handed out, each with the field it is in and the text that follows it."""

    def __init__(self):
        self.fields = {}  # marker -> field ("data/site.yaml: name (en)", "content/pages/home.bg.md: Title")
        self.hostile = {}  # marker -> the hostile text after it
        self.groups = {}  # marker -> what must be shown somewhere: a data field in a language, or a source's field

    def new(self, field, hostile, group=None):
        """Return a new marker followed by ``hostile``, to put in ``field``."""
        marker = f"xss{len(self.fields):04d}x"
        self.fields[marker], self.hostile[marker], self.groups[marker] = field, hostile, group or field
        return marker + hostile


class DataInjection:
    """Walk the data files with their schemas, putting a marked hostile text in every text field."""

    def __init__(self, markers, schema):
        self.markers = markers
        self.schema = schema
        self.skipped = set()  # schema field paths, e.g. "main[].page"

    def value(self, value, spec, where, field):
        """Return ``value`` of a field with the hostile text in it (``where``: file and entry; ``field``: its path)."""
        label = f"{where}: {field}"
        if spec.type == "text":
            value = value if isinstance(value, dict) else {}
            return {
                lang: f"{value.get(lang) or ''} {self.new(label, field, HOSTILE_DATA_TEXT, lang)}".strip()
                for lang in LANGUAGES
            }
        if spec.type == "string":
            return f"{value or ''} {self.new(label, field, HOSTILE)}".strip()
        if spec.type == "object":
            return self.record(value if isinstance(value, dict) else {}, spec.fields, where, f"{field}.")
        if spec.type == "list" and spec.items.type in INJECTED_TYPES | {"object"}:
            # An empty list (structure's bodies, a body's members) gets one entry, so that it is shown.
            items = list(value or []) or [{} if spec.items.type == "object" else ""]
            return [
                self.value(item, spec.items, f"{where} {field}[{index}]", f"{field}[]")
                for index, item in enumerate(items)
            ]
        kind = spec.items.type if spec.type == "list" else spec.type
        assert kind in SKIPPED_TYPES, f"{label}: the field type {kind!r} is new to this test; inject or skip it"
        self.skipped.add(f"{field}[]" if spec.type == "list" else field)
        return value

    def new(self, label, field, hostile, lang=None):
        """Return a marked hostile text; it must be shown for some record of the schema (in ``lang``)."""
        suffix = f" ({lang})" if lang else ""
        return self.markers.new(label + suffix, hostile, group=f"{self.schema}: {field}{suffix}")

    def record(self, record, specs, where, prefix=""):
        """Return a record (a mapping of fields) with the hostile text in each of its text fields."""
        record = dict(record)
        for name, spec in specs.items():
            injected = self.value(record.get(name), spec, where, f"{prefix}{name}")
            if injected is not None:
                record[name] = injected
        return record


def inject_data(root, markers):
    """Put a marked hostile text in every text field of every data file; return {schema: skipped fields}."""
    data = Path(root) / "data"
    skipped = {}
    for name, schema in load_schemas(data / "schemas").items():
        injection = DataInjection(markers, name)
        paths = sorted((data / schema.file).glob("*.yaml")) if schema.form == "folder" else [data / schema.file]
        for path in paths:
            relative = path.relative_to(root).as_posix()
            value = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            if name == "security":
                # A contact (so that security.txt is written) needs a date it is valid until.
                value = dict(value or {}, email="security@example.org", expires="2027-06-30")
            if schema.form == "list":
                value = [
                    injection.record(item, schema.fields, f"{relative}[{index}]")
                    for index, item in enumerate(value or [])
                ]
            else:
                value = injection.record(value or {}, schema.fields, relative)
            path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
        skipped[name] = injection.skipped
    return skipped


def inject_front_matter(root, markers):
    """Put a marked hostile text in the Title and Summary of every page and news item; return the other fields."""
    others = set()
    for path in sorted((Path(root) / "content").rglob("*.md")):
        relative = path.relative_to(root).as_posix()
        lines = path.read_text(encoding="utf-8").split("\n")
        end = next((number for number, line in enumerate(lines) if not re.match(r"^[A-Za-z-]+:", line)), len(lines))
        head = {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in lines[:end]}
        others |= set(head) - set(INJECTED_FRONT_MATTER)
        for field in INJECTED_FRONT_MATTER:
            head[field] = f"{head.get(field, '')} {markers.new(f'{relative}: {field}', HOSTILE)}".strip()
        path.write_text("\n".join([f"{key}: {value}" for key, value in head.items()] + lines[end:]), encoding="utf-8")
    return others


# What each kind of output file must make of a hostile text -------------------------------------


def html_escaped(text):
    """Return ``text`` as autoescape writes it in HTML text and attribute values."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")
    )


def json_ld_escaped(text):
    """Return ``text`` as it is written inside a JSON string of a JSON-LD block."""
    return (
        json.dumps(text, ensure_ascii=False)[1:-1]
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def in_slug(rest):
    """True where a marker is part of an address made from a title (the romanised words)."""
    return rest.startswith("-script-alert-1-")


def _occurrences(text):
    return [(match.group(0), text[match.end() :]) for match in MARKER.finditer(text)]


def _check_html(relative, html, markers):
    failures, found = [], set()
    blocks = [
        match.span(1) for match in re.finditer(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    ]
    for match in MARKER.finditer(html):
        marker, rest = match.group(0), html[match.end() :]
        if in_slug(rest):
            continue
        hostile = markers.hostile[marker]
        in_json_ld = any(start <= match.start() < end for start, end in blocks)
        expected = json_ld_escaped(hostile) if in_json_ld else html_escaped(hostile)
        # In a link's query (a mailto: subject) the text is percent-encoded: no character of it is markup.
        if rest.startswith(expected) or rest.startswith(quote(hostile, safe="")):
            found.add(marker)
        else:
            where = "a JSON-LD block" if in_json_ld else "HTML"
            failures.append(
                f"{relative}: {markers.fields[marker]} is not escaped for {where}: {(marker + rest[:40])!r}"
            )
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        handlers = [name for name in tag.attrs if name.lower().startswith("on")]
        if handlers:
            failures.append(f"{relative}: an element <{tag.name}> has the event handler {handlers}")
        if tag.name == "script" and not (tag.get("src") or tag.get("type") == "application/ld+json"):
            failures.append(f"{relative}: an inline <script> that is not JSON-LD: {str(tag)[:60]!r}")
        if tag.name == "img" and tag.get("src") == "x":
            failures.append(f"{relative}: an <img src=x> from a text")
    return failures, found


def _check_xml(relative, text, markers):
    """Atom feeds and the sitemap: a text element holds the text; a type="html" one holds it escaped as HTML."""
    failures, found = [], set()
    root = ElementTree.fromstring(text.encode("utf-8"))
    checked = 0
    for element in root.iter():
        is_html = element.tag.rsplit("}", 1)[-1] in ("summary", "content") and element.get("type") == "html"
        values = [element.text or "", element.tail or "", *element.attrib.values()]
        for value in values:
            for marker, rest in _occurrences(value):
                checked += 1
                if in_slug(rest):
                    continue
                expected = html_escaped(markers.hostile[marker]) if is_html else markers.hostile[marker]
                if rest.startswith(expected):
                    found.add(marker)
                else:
                    failures.append(
                        f"{relative}: {markers.fields[marker]} is not what the element should hold: {(marker + rest[:40])!r}"
                    )
    if checked != len(MARKER.findall(text)):
        failures.append(f"{relative}: a text turned into XML markup (comments, elements or attributes)")
    return failures, found


def _ics_text(value):
    """Return a TEXT value of iCalendar (RFC 5545, 3.3.11) unescaped."""
    return re.sub(r"\\([\\;,nN])", lambda match: "\n" if match.group(1) in "nN" else match.group(1), value)


def _check_ics(relative, text, markers):
    """iCalendar: the property holds the text as it is; a line break cannot start a property of its own."""
    failures, found = [], set()
    for line in re.sub(r"\r\n[ \t]", "", text).split("\r\n"):
        name, _, value = line.partition(":")
        if name.startswith("X-INJECTED"):
            failures.append(f"{relative}: a text started a property of its own")
        for marker, rest in _occurrences(_ics_text(value)):
            if in_slug(rest):
                continue
            if rest.startswith(markers.hostile[marker]):
                found.add(marker)
            else:
                failures.append(f"{relative}: {markers.fields[marker]} is changed in {name}: {(marker + rest[:40])!r}")
    return failures, found


def _check_plain_text(relative, text, markers):
    """Plain text (security.txt): the text as it is, and a line break cannot start a field of its own."""
    failures, found = [], set()
    for line in text.splitlines():
        if line.startswith("X-INJECTED"):
            failures.append(f"{relative}: a text started a field of its own")
        for marker, rest in _occurrences(line):
            if markers.hostile[marker].startswith(rest) or rest.startswith(markers.hostile[marker]):
                found.add(marker)
            else:
                failures.append(f"{relative}: {markers.fields[marker]} is changed: {(marker + rest[:40])!r}")
    return failures, found


CHECKS = {".html": _check_html, ".xml": _check_xml, ".ics": _check_ics, ".txt": _check_plain_text}


def escaping_failures(output, markers):
    """Return (failures, markers found correctly escaped) for every file of a built site."""
    failures, found = [], set()
    for path in sorted(Path(output).rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(output).as_posix()
        text = path.read_bytes().decode("utf-8", errors="replace")
        check = CHECKS.get(path.suffix)
        if check is None:
            if MARKER.search(text):
                failures.append(
                    f"{relative}: holds {markers.fields[MARKER.search(text).group(0)]}, "
                    "in a kind of file this test cannot check"
                )
            continue
        file_failures, file_found = check(relative, text, markers)
        failures += file_failures
        found |= file_found
    return failures, found


# The hostile site: built once, checked by the tests below ---------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A copy of the real site with a marked hostile text in every field, built once."""
    root = tmp_path_factory.mktemp("hostile")
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    markers = Markers()
    skipped = inject_data(root, markers)
    front_matter = inject_front_matter(root, markers)
    output = build(root, root / "output")
    failures, found = escaping_failures(output, markers)
    return SimpleNamespace(
        markers=markers, skipped=skipped, front_matter=front_matter, output=output, failures=failures, found=found
    )


def test_every_field_but_the_listed_ones_gets_a_hostile_text(hostile_site):
    assert hostile_site.skipped == SKIPPED_DATA_FIELDS
    assert hostile_site.front_matter == set(SKIPPED_FRONT_MATTER)
    assert len(hostile_site.markers.fields) > 400


def test_every_hostile_text_is_escaped_in_every_output_file(hostile_site):
    assert hostile_site.failures == []


def test_every_field_is_shown_escaped_somewhere(hostile_site):
    # Escaped, not merely absent: every source's Title and Summary, and every data field in every
    # language (in one record at least: a past training shows no registration), is found escaped.
    markers = hostile_site.markers
    shown = {markers.groups[marker] for marker in hostile_site.found}
    assert sorted(set(markers.groups.values()) - shown) == []


def test_the_check_finds_a_text_written_raw(tmp_path):
    # What the hostile site would look like with autoescape off, a feed summary not escaped as HTML,
    # and a calendar text whose line break was not escaped: each is named with its field.
    markers = Markers()
    title = markers.new("content/pages/home.bg.md: Title", HOSTILE)
    summary = markers.new("content/news/item.bg.md: Summary", HOSTILE)
    place = markers.new("data/trainings/t.yaml: place.venue (bg)", HOSTILE_DATA_TEXT)
    (tmp_path / "index.html").write_text(
        f"<!DOCTYPE html><title>{title}</title><h1>{html_escaped(title)}</h1>", encoding="utf-8"
    )
    (tmp_path / "news.atom.xml").write_text(
        f'<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary type="html">{html_escaped(summary)}</summary>'
        "</entry></feed>",
        encoding="utf-8",
    )
    unescaped = place.replace("\n", "\r\n")
    (tmp_path / "t.ics").write_bytes(f"BEGIN:VCALENDAR\r\nLOCATION:{unescaped}\r\nEND:VCALENDAR\r\n".encode())
    failures, found = escaping_failures(tmp_path, markers)
    assert found == {title[:8]}  # only the <h1>, where it was escaped
    assert any("index.html: content/pages/home.bg.md: Title is not escaped for HTML" in f for f in failures)
    assert any("index.html: an inline <script>" in f for f in failures)
    assert any("index.html: an element <img> has the event handler ['onerror']" in f for f in failures)
    assert any(
        "news.atom.xml: content/news/item.bg.md: Summary is not what the element should hold" in f for f in failures
    )
    assert any("t.ics: a text started a property of its own" in f for f in failures)
    assert any("t.ics: data/trainings/t.yaml: place.venue (bg) is changed in LOCATION" in f for f in failures)


def test_a_translation_is_printed_as_text(site_copy):
    # Translators edit the catalogs in translations/: their text is escaped like an editor's.
    translations = site_copy / "translations"
    shutil.copytree(REPO / "translations", translations)
    replace(
        site_copy,
        "translations/en/LC_MESSAGES/messages.po",
        'msgstr "Skip to main content"',
        'msgstr "Skip <b>to</b> main & content"',
    )
    replace(
        site_copy,
        "translations/en/LC_MESSAGES/messages.po",
        'msgstr ""\n"The %(name)s is committed to making its website accessible',
        'msgstr ""\n"The <i>%(name)s</i> is committed to making its website accessible',
    )
    output = build(site_copy, site_copy / "output", MULTILINGUAL_TRANSLATIONS_PATH=str(translations))
    home = (output / "en" / "index.html").read_text(encoding="utf-8")
    assert ">Skip &lt;b&gt;to&lt;/b&gt; main &amp; content</a>" in home
    statement = next(
        path
        for path in (output / "en").rglob("index.html")
        if "is committed to making its website accessible" in path.read_text(encoding="utf-8")
    )
    assert (
        "<p>The &lt;i&gt;Regional Association of Municipalities “Thrace”&lt;/i&gt; is committed"
        in statement.read_text(encoding="utf-8")
    )
