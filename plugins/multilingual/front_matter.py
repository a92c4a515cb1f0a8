"""The front matter of pages and news items: which fields each kind knows, and what they may hold.

Pelican takes any ``Key: value`` line at the top of a source, guesses dates in
any order of day and month, and drops a source without a title with a log line.
This module reads the front matter of every source itself, with line numbers,
and checks it against the schema below, the way data/schemas/ checks the data
files; sources Pelican could not make sense of are held back (``hold_back``)
so that these checks, not Pelican's log, tell the editor what to write.
"""

import datetime
import difflib
import os
import re
from dataclasses import dataclass

from pelican.urlwrappers import Category

from content_safety.memo import CleanChecks
from site_data import Problem, tr
from site_data.encoding import NotUtf8, decode_editor_text
from site_data.paths import relative_display
from site_output.listing import listing
from site_output.reads import file_digest

from .content_files import source_line

# What `invoke new` writes where the editor still has to write something.
PLACEHOLDER = "…"
# The front matter as Python-Markdown's meta extension reads it.
META_BEGIN = re.compile(r"^-{3}(\s.*)?$")
META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
# A field name written in another alphabet ("Заглавие: …"), which Markdown takes for text.
FOREIGN_FIELD = re.compile(r"^[ ]{0,3}(?P<key>[^\W\d_][\w-]*):\s")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$")
# Dates as editors write them elsewhere: day first (31.12.2026, 5/3/2026, 2026-3-5).
DAY_FIRST_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s*г\.?)?(?:[ T,]+(\d{1,2})[:.](\d{2}))?$")
LOOSE_ISO_DATE = re.compile(r"^(\d{4})[./-](\d{1,2})[./-](\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$")


@dataclass(frozen=True)
class FrontField:
    """One field of the front matter, written as ``Name: value``."""

    name: str
    type: str  # "text", "date" or "choice"
    required: bool = False
    choices: tuple = ()
    description: str = ""
    # How a missing line is to be written: its form, and an example value.
    form: str = PLACEHOLDER
    example: str = ""


TITLE = FrontField(
    "Title", "text", required=True, description=tr("the title of the page in its language"), example="Обучения"
)
SUMMARY = FrontField("Summary", "text", description=tr("one or two sentences shown in lists and search results"))
SLUG = FrontField("Slug", "text", description=tr("the last part of the address, e.g. training-calendar"))
STATUS = FrontField(
    "Status",
    "choice",
    choices=("draft", "published"),
    description=tr("draft: shown with a banner while you preview, never published"),
)
FINGERPRINT = FrontField("Source-Fingerprint", "text", description=tr("written by invoke i18n-done"))
TEMPLATE = FrontField("Template", "text", description=tr("the layout of the page, e.g. activity"))
DATE = FrontField(
    "Date",
    "date",
    required=True,
    description=tr("the day of the news item, e.g. 2027-03-15"),
    form=tr("YYYY-MM-DD"),
    example="2027-03-15",
)

# The fields each kind of source knows, in the order they are listed to the editor.
SCHEMAS = {
    "page": (TITLE, SUMMARY, SLUG, TEMPLATE, STATUS, FINGERPRINT),
    "news": (TITLE, DATE, SUMMARY, SLUG, STATUS, FINGERPRINT),
}
# The category Pelican is given for a draft news item; no page shows it.
DRAFT_CATEGORY = "news"
# Pelican's metadata that a source cannot do without, by kind.
KIND_NAMES = {"page": tr("page"), "news": tr("news item")}
MANDATORY = {"page": ("title",), "news": ("title", "date")}


@dataclass(frozen=True)
class FrontLine:
    """One field as written: its name, value and line."""

    name: str
    value: str
    line: int


def read_front_matter(text):
    """Return the fields of the front matter of a Markdown source, in order."""
    lines = text.splitlines()
    fields = []
    index = 0
    if lines and META_BEGIN.match(lines[0]):
        index = 1
    for number, line in enumerate(lines[index:], index + 1):
        if META_END.match(line) or not line.strip():
            break
        field = META_LINE.match(line)
        more = META_MORE.match(line)
        if field:
            fields.append(FrontLine(field.group("key"), field.group("value").strip(), number))
        elif more and fields:
            last = fields.pop()
            fields.append(FrontLine(last.name, f"{last.value} {more.group('value').strip()}".strip(), last.line))
        else:
            break
    return fields


def iso_form(text):
    """Return the ISO form (2026-12-31) of a date written another way, or '' if it is no date."""
    day_first = DAY_FIRST_DATE.match(text)
    loose = LOOSE_ISO_DATE.match(text)
    if day_first:
        day, month, year, hour, minute = day_first.groups()
    elif loose:
        year, month, day, hour, minute = loose.groups()
    else:
        return ""
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return ""
    return moment.strftime("%Y-%m-%d %H:%M") if hour else moment.strftime("%Y-%m-%d")


def _translated_field_name(path, text, entries, names):
    """Return a problem if the front matter stops at a field whose name is not in Latin letters.

    Markdown reads 'Заглавие: …' as the first line of the text, not as a field,
    so the editor would only hear that the title is missing.
    """
    lines = text.splitlines()
    number = (entries[-1].line if entries else 0) + 1
    while number <= len(lines) and META_MORE.match(lines[number - 1]) and entries:
        number += 1
    if number > len(lines):
        return []
    match = FOREIGN_FIELD.match(lines[number - 1])
    if not match:
        return []
    return [
        Problem(
            path,
            number,
            tr("'{field}:' is not a field name the site knows", field=match.group("key")),
            tr("field names are written in English: {names}", names=names),
        )
    ]


def _check_date(path, entry):
    match = ISO_DATE.match(entry.value)
    if match:
        year, month, day, hour, minute = match.groups()
        try:
            datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
            return []
        except ValueError:
            pass
    iso = iso_form(entry.value)
    if iso and iso != entry.value:
        return [
            Problem(
                path,
                entry.line,
                tr("the date '{value}' is not written year-month-day", value=entry.value),
                tr("write {value} → {iso}: '{field}: {iso}'", value=entry.value, iso=iso, field=entry.name),
            )
        ]
    return [
        Problem(
            path,
            entry.line,
            tr("'{value}' is not a date", value=entry.value),
            tr("write the date as year-month-day, e.g. '{field}: 2027-03-15'", field=entry.name),
        )
    ]


def check_front_matter(path, text, kind):
    """Return the problems of the front matter of one source of ``kind`` (page or news)."""
    known = {spec.name.lower(): spec for spec in SCHEMAS[kind]}
    names = ", ".join(f"{spec.name}:" for spec in SCHEMAS[kind])
    problems, seen = [], {}
    entries = read_front_matter(text)
    # A draft is work in progress (invoke new writes translations as empty drafts):
    # its empty fields wait to be filled in; a draft without a title is not shown.
    is_draft = any(entry.name.lower() == "status" and entry.value == "draft" for entry in entries)
    problems += _translated_field_name(path, text, entries, names)
    for entry in entries:
        spec = known.get(entry.name.lower())
        if spec is None:
            close = difflib.get_close_matches(entry.name.lower(), list(known), n=1, cutoff=0.75)
            if close:
                fix = tr(
                    "did you mean '{close}:'? The fields of a {kind} are: {names}",
                    close=known[close[0]].name,
                    kind=KIND_NAMES[kind],
                    names=names,
                )
            else:
                fix = tr(
                    "the fields of a {kind} are: {names}; delete the line or use one of them",
                    kind=KIND_NAMES[kind],
                    names=names,
                )
            problems.append(Problem(path, entry.line, tr("unknown field '{field}:'", field=entry.name), fix))
            continue
        if spec.name in seen:
            problems.append(
                Problem(
                    path,
                    entry.line,
                    tr(
                        "the field '{field}:' is written twice (first on line {line})",
                        field=spec.name,
                        line=seen[spec.name],
                    ),
                    tr("keep one of the two lines"),
                )
            )
            continue
        seen[spec.name] = entry.line
        if entry.value in ("", PLACEHOLDER):
            if is_draft:
                continue
            problems.append(
                Problem(
                    path,
                    entry.line,
                    tr("the field '{field}:' is not filled in", field=spec.name),
                    tr(
                        "write {description} after '{field}:', or delete the line",
                        description=spec.description,
                        field=spec.name,
                    ),
                )
            )
        elif spec.type == "date":
            problems += _check_date(path, entry)
        elif spec.type == "choice" and entry.value not in spec.choices:
            allowed = ", ".join(spec.choices)
            close = difflib.get_close_matches(entry.value.lower(), spec.choices, n=1)
            fix = (
                tr("did you mean '{close}'? Write one of: {choices}", close=close[0], choices=allowed)
                if close
                else tr("write one of: {choices}", choices=allowed)
            )
            problems.append(
                Problem(
                    path,
                    entry.line,
                    tr("'{field}: {value}' is not an allowed value", field=spec.name, value=entry.value),
                    fix,
                )
            )
    for spec in SCHEMAS[kind]:
        if spec.required and spec.name not in seen:
            problems.append(
                Problem(
                    path,
                    1,
                    tr("the '{field}:' line is missing", field=spec.name),
                    tr(
                        "add a line '{field}: {form}' at the top, e.g. {field}: {example}",
                        field=spec.name,
                        form=spec.form,
                        example=spec.example,
                    ),
                )
            )
    if not is_draft:
        problems += _unwritten_text(path, text, entries)
    return problems


def _unwritten_text(path, text, entries):
    """Return a problem for each line of the text that is still the mark `invoke new` wrote ("…").

    Without it a new page whose text was never written would be published, empty.
    """
    lines = text.splitlines()
    start = entries[-1].line if entries else 0
    return [
        Problem(
            path,
            number,
            tr("the text still says {placeholder} here: it is not written yet", placeholder=PLACEHOLDER),
            tr("write the text in place of the line '{placeholder}'", placeholder=PLACEHOLDER),
        )
        for number, line in enumerate(lines[start:], start + 1)
        if line.strip() == PLACEHOLDER
    ]


def _source_files(content_path, folders):
    # The build's one listing of content/ (site_output.listing), names sorted as os.walk's were here.
    found = listing(content_path)
    for folder in folders:
        for parent, _subfolders, files in found.walk(os.path.normpath(os.path.join(found.top, folder))):
            for name in files:
                if name.endswith(".md"):
                    yield os.path.join(parent, name)


def check_source_files(settings, root, memo=None):
    """Return the reading and front-matter problems of every page and news source.

    ``memo`` (content_safety.CleanChecks) skips the front matter found clean before with the same text.
    """
    memo = memo or CleanChecks(None)
    problems = []
    for kind, folders in (("page", settings["PAGE_PATHS"]), ("news", settings["ARTICLE_PATHS"])):
        for source_path in _source_files(settings["PATH"], folders):
            display = relative_display(source_path, root)
            # Remembered by the bytes' digest (read once per build): a source found clean is not read again.
            problems += memo.run(
                lambda display=display, source_path=source_path, kind=kind: _front_matter_problems(
                    display, read_source_bytes(source_path), source_path, kind
                ),
                "front matter",
                display,
                kind,
                file_digest(source_path),
            )
    return problems


def read_source_bytes(path):
    """Return the bytes of a source file."""
    with open(path, "rb") as handle:
        return handle.read()


def _front_matter_problems(display, data, source_path, kind):
    try:
        # <key>.<language>.md: the language tells which old code page the text may be in.
        text = decode_editor_text(data, display, os.path.basename(source_path).split(".")[-2])
    except NotUtf8 as error:
        return [error.problem]
    return check_front_matter(display, text, kind)


def keys_with_problems(problems):
    """Return the keys of the sources (``<key>.<language>.md``) that have an error."""
    return {
        os.path.basename(problem.path).split(".", 1)[0]
        for problem in problems
        if problem.severity == "error" and problem.path.endswith(".md")
    }


def draft_originals(drafts, default_lang, root):
    """Return {key: "path:line" of its Status line} for the drafts that are Bulgarian originals."""
    found = {}
    for content in drafts:
        if content.metadata.get("lang") == default_lang and content.metadata.get("translation_key"):
            display = relative_display(content.source_path, root)
            line = source_line(content.source_path, r"^status\s*:")
            found[content.metadata["translation_key"]] = f"{display}:{line}"
    return found


def _hold_back(kind, metadata):
    if any(not metadata.get(name) for name in MANDATORY[kind]):
        metadata["status"] = "skip"


def hold_back_page(sender, metadata):
    """Mark a page without a title as skipped: check_source_files names the missing line.

    Pelican would drop it with a log line that names neither the line nor the fix.
    """
    _hold_back("page", metadata)


def hold_back_news(sender, metadata):
    """Mark a news item without a title or date as skipped: check_source_files names the line.

    A draft gets a category too: Pelican passes every draft's category to its
    (switched-off) draft writer, and this site has no categories.
    """
    _hold_back("news", metadata)
    if metadata.get("status") == "draft" and "category" not in metadata:
        metadata["category"] = Category(DRAFT_CATEGORY, sender.settings)
