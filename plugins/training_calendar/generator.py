"""The feature that adds the training calendar's pages to the site and writes its .ics files.

The multilingual plugin has read and checked data/trainings/ and
data/training_kinds.yaml by the time it hands this feature the site model; here
the trainings are laid out as pages (which the multilingual generator renders
in every language) and written as iCalendar files.
"""

from collections.abc import Callable
from dataclasses import dataclass

from babel.lists import format_list

from multilingual.cldr import cldr, language_in
from multilingual.localization import format_local_date, local_time
from multilingual.markup import json_ld
from multilingual.model import Feature
from multilingual.romanize import slugify
from multilingual.settings import read_settings as read_multilingual_settings
from multilingual.site import Page, Version
from site_data import EditorError, LocalText, Problem, tr
from site_data.translations import outdated_languages
from site_output.fingerprints import digest

from .ical import EventText, make_calendar, sequence_number, utc_stamp
from .model import (
    check_trainings,
    group_by_month,
    group_by_year,
    split_by_date,
    trainings_from_records,
)
from .settings import read_settings
from .structured_data import event_data, iso

TEMPLATES = {"calendar": "training_calendar", "archive": "training_archive", "training": "training"}


@dataclass(frozen=True)
class PlannedPage:
    """A page the calendar adds: where it goes, and how to get its title, summary and data per language."""

    key: str
    kind: str
    parent: str
    source: object  # the data record its title comes from (None: interface text), named in problems
    template: str
    title: Callable
    summary: Callable
    view: Callable


def capitalised(text):
    """Return the text with its first letter in upper case (month headings, list values)."""
    return text[:1].upper() + text[1:]


class TrainingCalendarFeature(Feature):
    """Lay out the calendar, its per-kind pages, the archive and one page per training."""

    datasets = ("trainings", "training_kinds")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        multilingual = read_multilingual_settings(self.settings)
        self.locales = multilingual["MULTILINGUAL_LANGUAGES"]
        self.home_key = multilingual["MULTILINGUAL_HOME_KEY"]
        self.time_zone = self.settings["TIMEZONE"]
        self.page_key = self.options["TRAINING_CALENDAR_PAGE_KEY"]
        self.site = None
        self.kinds = {}
        self.trainings = []

    # Keys and addresses ---------------------------------------------------------------------

    def kind_key(self, kind_id):
        """Return the page key of a kind's page."""
        return f"{self.page_key}:kind:{kind_id}"

    def training_key(self, training):
        """Return the page key of a training's page."""
        return f"{self.page_key}:training:{training.id}"

    @property
    def archive_key(self):
        """Return the page key of the archive of past trainings."""
        return f"{self.page_key}:archive"

    def calendar_ics_path(self, lang):
        """Return the output path of a language's whole calendar, named like its page (kalendar-na-obucheniyata.ics)."""
        return self.site.file_beside(self.page_key, lang, ".ics")

    def training_ics_path(self, training, lang):
        """Return the output path of one training's .ics in a language, named like the training's page."""
        return self.site.file_beside(self.training_key(training), lang, ".ics")

    # Reading and laying out -------------------------------------------------------------------

    def contribute(self, model):
        """Check the trainings against each other and the kinds, then add the calendar's pages."""
        site, data = model.site, model.data
        self.site = site
        kinds = data.get("training_kinds") or []
        self.kinds = {kind["id"]: kind for kind in kinds}
        records = data.get("trainings") or []
        problems = self._page_problems()
        problems += check_trainings(trainings_from_records(records), set(self.kinds), site.today)
        model.report(problems)
        self.trainings = trainings_from_records(records, self.options["TRAINING_CALENDAR_SHOW_EXAMPLES"])
        self._lay_out()
        for lang in site.languages:
            # Every page of a language announces its calendar file in <head>.
            title = site.version(self.page_key, lang).title.text
            site.add_feed(lang, site.absolute(self.calendar_ics_path(lang)), "text/calendar", title)

    def _page_problems(self):
        problems = []
        if self.page_key not in self.site.pages:
            problems.append(
                Problem(
                    "content/pages",
                    1,
                    tr("there is no page '{key}' for the training calendar", key=self.page_key),
                    tr(
                        "create content/pages/{key}.bg.md (and one per language) with 'Template: training_calendar'",
                        key=self.page_key,
                    ),
                )
            )
        return problems

    def _lay_out(self):
        """Add every page first (so that links between them resolve), then give each its data.

        Every address under the calendar is made from the page's title in the reader's
        language, by the same romanisation as the pages' (multilingual.romanize): a
        kind's name, "Past trainings", a training's title.
        """
        site = self.site
        calendar = site.pages[self.page_key]
        planned = [
            PlannedPage(
                self.kind_key(kind_id),
                "training-kind",
                self.page_key,
                kind,
                TEMPLATES["calendar"],
                title=lambda lang, k=kind: k["name"].in_lang(lang),
                summary=lambda lang, k=kind: k["description"].in_lang(lang) if k.get("description") else None,
                view=lambda lang, k=kind_id: self.calendar_view(lang, k),
            )
            for kind_id, kind in self.kinds.items()
        ]
        planned.append(
            PlannedPage(
                self.archive_key,
                "training-archive",
                self.page_key,
                None,
                TEMPLATES["archive"],
                # "Past trainings" is also a heading in training_calendar.html (checked there).
                title=lambda lang: LocalText(self.site.catalogs[lang].gettext("Past trainings"), lang),
                summary=lambda lang: None,
                view=self.archive_view,
            )
        )
        planned += [
            PlannedPage(
                self.training_key(t),
                "training",
                self.kind_key(t.kind),
                t.record,
                TEMPLATES["training"],
                title=lambda lang, t=t: t.record["title"].in_lang(lang),
                summary=lambda lang, t=t: t.record["summary"].in_lang(lang),
                view=lambda lang, t=t: self.training_view(t, lang),
            )
            for t in self.trainings
        ]
        taken = {version.url: page.key for page in site.pages.values() for version in page.versions.values()}
        problems = []
        for plan in planned:
            page = Page(key=plan.key, kind=plan.kind, parent=plan.parent)
            outdated = outdated_languages(plan.source, site.languages, site.default_lang)
            for lang in site.languages:
                title = plan.title(lang)
                url = calendar.versions[lang].url + slugify(title.text, title.lang) + "/"
                if url in taken:
                    problems.append(self._address_clash(plan, lang, url, taken[url]))
                taken[url] = plan.key
                page.versions[lang] = Version(
                    key=plan.key,
                    lang=lang,
                    url=url,
                    title=title,
                    template=plan.template,
                    content_lang=lang,
                    summary=plan.summary(lang),
                    # A translation in the data made from an older Bulgarian text gets the page's notice.
                    outdated=lang in outdated,
                )
            site.add(page)
        if problems:
            raise EditorError(problems)
        # Made when a page is rendered, not for every page of every build: a rebuild renders few of them.
        for plan in planned:
            site.add_context_provider(plan.key, lambda site, version, view=plan.view: view(version.lang))
        self._hide_empty_pages()
        site.add_context_provider(self.page_key, lambda site, version: self.calendar_view(version.lang))

    def _hide_empty_pages(self):
        """Keep the calendar's pages that list no training out of search engines, the index and the home page.

        The calendar lists upcoming trainings, a kind's page that kind's trainings, the
        archive past ones; each still says in words that there is none.
        """
        upcoming, past = split_by_date(self.trainings, self.site.today)
        if not upcoming:
            self.site.pages[self.page_key].hide_while_empty()
        if not past:
            self.site.pages[self.archive_key].hide_while_empty()
        for kind_id in self.kinds:
            if not any(training.kind == kind_id for training in self.trainings):
                self.site.pages[self.kind_key(kind_id)].hide_while_empty()

    def _address_clash(self, plan, lang, url, other):
        """Return the problem of a calendar page whose address in ``lang`` is another page's."""
        source = plan.source
        if source is None:  # the archive: its title is interface text
            return Problem(
                "translations",
                1,
                tr(
                    "the archive of past trainings would have the address /{url}, "
                    "which is also the address of '{other}'",
                    url=url,
                    other=other,
                ),
                tr("translate 'Past trainings' differently in {lang}", lang=lang),
            )
        if plan.kind == "training":
            return Problem(
                source.path,
                source.key_lines.get("title", source.line),
                tr(
                    "the training's page would have the address /{url} in {lang}, which is also the address of "
                    "'{other}'",
                    url=url,
                    lang=lang,
                    other=other,
                ),
                tr("give it another title in that language"),
            )
        return Problem(
            source.path,
            source.key_lines.get("name", source.line),
            tr(
                "the page of the kind of training would have the address /{url} in {lang}, which is also the "
                "address of '{other}'",
                url=url,
                lang=lang,
                other=other,
            ),
            tr("give the kind another name in that language"),
        )

    # What the templates get -------------------------------------------------------------------

    def when(self, training, lang):
        """Return the training's dates in ``lang``: start and (if another day or hour) end."""
        locale = self.locales[lang]
        start, end = training.start, training.end
        if training.all_day:
            start_text = format_local_date(start, locale)
            end_text = format_local_date(end, locale) if end != start else None
        elif training.first_day == training.last_day:
            start_text = f"{format_local_date(start, locale)}, {local_time(start, locale)}"
            end_text = local_time(end, locale)
        else:
            start_text = format_local_date(start, locale, "time")
            end_text = format_local_date(end, locale, "time")
        return {"start_text": start_text, "start_iso": iso(start), "end_text": end_text, "end_iso": iso(end)}

    def item(self, training, lang):
        """Return what a list of trainings shows about one training."""
        site = self.site
        record = training.record
        place = record["place"]
        upcoming = training.is_upcoming(site.today)
        status = training.status_on(site.today)
        return {
            "id": training.id,
            "href": site.url_for(self.training_key(training), lang),
            "title": record["title"].in_lang(lang),
            "summary": record["summary"].in_lang(lang),
            "kind": {
                "name": self.kinds[training.kind]["name"].in_lang(lang),
                "href": site.url_for(self.kind_key(training.kind), lang),
            },
            "when": self.when(training, lang),
            "municipality": place["municipality"].in_lang(lang),
            "venue": place["venue"].in_lang(lang) if place.get("venue") else None,
            # A past training shows no stale "registration open": status_on says held.
            "status": status,
            "upcoming": upcoming,
            "example": training.example,
        }

    def filters(self, lang, current_kind=None):
        """Return the links of the kind filter: the whole calendar, then each kind."""
        site = self.site
        links = [
            {"all": True, "name": None, "href": site.url_for(self.page_key, lang), "current": current_kind is None}
        ]
        for kind_id, kind in self.kinds.items():
            links.append(
                {
                    "all": False,
                    "name": kind["name"].in_lang(lang),
                    "href": site.url_for(self.kind_key(kind_id), lang),
                    "current": kind_id == current_kind,
                }
            )
        return links

    def common(self, lang):
        """Return the links every calendar page offers."""
        site = self.site
        return {
            "calendar_href": site.url_for(self.page_key, lang),
            "archive_href": site.url_for(self.archive_key, lang),
            "ics_href": site.absolute(self.calendar_ics_path(lang)),
        }

    def calendar_view(self, lang, kind_id=None):
        """Return the calendar (or one kind's part of it): upcoming trainings by month."""
        locale = self.locales[lang]
        trainings = [t for t in self.trainings if kind_id is None or t.kind == kind_id]
        upcoming, past = split_by_date(trainings, self.site.today)
        months = [
            {
                "id": f"month-{month:%Y-%m}",
                "iso": f"{month:%Y-%m}",
                "heading": capitalised(format_local_date(month, locale, "month")),
                "trainings": [self.item(t, lang) for t in group],
            }
            for month, group in group_by_month(upcoming)
        ]
        kind = self.kinds.get(kind_id)
        return {
            "calendar": {
                **self.common(lang),
                "kind": None
                if kind is None
                else {
                    "id": kind_id,
                    "description": kind["description"].in_lang(lang) if kind.get("description") else None,
                },
                "filters": self.filters(lang, kind_id),
                "months": months,
                "announced": bool(trainings),
                # A kind's page lists its own past trainings; the whole calendar links to the archive.
                "past": [self.item(t, lang) for t in past] if kind is not None else [],
                "has_past": bool(past),
            }
        }

    def archive_view(self, lang):
        """Return the archive: past trainings by year, most recent first."""
        _upcoming, past = split_by_date(self.trainings, self.site.today)
        years = [
            {"year": year, "id": f"year-{year}", "trainings": [self.item(t, lang) for t in group]}
            for year, group in group_by_year(past)
        ]
        return {"archive": {**self.common(lang), "years": years, "filters": self.filters(lang)}}

    def training_view(self, training, lang):
        """Return everything a training's page shows, and its schema.org Event."""
        site = self.site
        record = training.record
        locale = self.locales[lang]
        languages = cldr(format_list, [language_in(code, locale) for code in record["languages"]], locale=str(locale))

        def text(name):
            return record[name].in_lang(lang) if record.get(name) else None

        item = self.item(training, lang)
        open_for_registration = item["upcoming"] and not training.cancelled
        site_names = site.names
        return {
            "training": {
                **item,
                **self.common(lang),
                "audience": text("audience"),
                "languages": capitalised(languages),
                "organiser": text("organiser"),
                "lecturers": text("lecturers"),
                "registration": text("registration") if open_for_registration else None,
                "registration_url": record.get("registration_url") if open_for_registration else None,
                "training_ics_href": site.absolute(self.training_ics_path(training, lang)),
            },
            "json_ld": json_ld(
                event_data(
                    training,
                    lang,
                    organiser_name=site_names["name"].in_lang(lang).text,
                    organiser_url=site.url_for(self.home_key, lang),
                    page_url=site.url_for(self.training_key(training), lang),
                )
            ),
        }

    # Writing ------------------------------------------------------------------------------------

    def event_text(self, training, lang):
        """Return what the VEVENT of a training says in ``lang``."""
        site = self.site
        # Only interface text the templates use too (the dt labels), so that the
        # build's catalog check, which reads the templates, covers it as well.
        _ = self.site.catalogs[lang].gettext
        record = training.record
        place = record["place"]
        lines = [f"[{_('Example')}]", ""] if training.example else []
        lines += [record["summary"].in_lang(lang).text, "", f"{_('For whom')}: {record['audience'].in_lang(lang).text}"]
        if training.is_upcoming(site.today) and not training.cancelled:
            registration = [record["registration"].in_lang(lang).text] if record.get("registration") else []
            registration += [record["registration_url"]] if record.get("registration_url") else []
            if registration:
                lines.append(f"{_('Registration')}: {' '.join(registration)}")
        page_url = site.url_for(self.training_key(training), lang)
        absolute = page_url if page_url.startswith(("https://", "http://")) else None
        if absolute:
            lines += ["", absolute]
        venue = place["venue"].in_lang(lang).text if place.get("venue") else None
        location = ", ".join(part for part in (venue, place["municipality"].in_lang(lang).text) if part)
        updated = record.get("updated")
        return EventText(
            uid=f"{training.id}@{self.options['TRAINING_CALENDAR_UID_DOMAIN']}",
            start=training.start,
            end=training.end,
            # From the data, never the clock: two builds of the same files are byte-identical.
            stamp=utc_stamp(updated or training.start, self.time_zone),
            last_modified=utc_stamp(updated, self.time_zone) if updated else None,
            sequence=sequence_number(updated, training.cancelled),
            status=training.status_on(self.site.today),
            summary=record["title"].in_lang(lang).text,
            description="\n".join(lines),
            location=location,
            category=self.kinds[training.kind]["name"].in_lang(lang).text,
            url=absolute,
        )

    def write(self, model, writer):
        """Write each language's calendar and each training's .ics (the pages are rendered by multilingual).

        They are made from the data, the pages' addresses, the catalogs and today
        only, all in the writer's digest of the inputs: a rebuild after an edit of a
        page's text takes them over from the live generation.
        """
        site = self.site
        inputs = writer.inputs_digest()
        for lang in site.languages:
            events = {}

            def lang_events(lang=lang, events=events):
                if lang not in events:
                    events[lang] = [self.event_text(training, lang) for training in self.trainings]
                return events[lang]

            path = self.calendar_ics_path(lang)
            if not writer.take_over(path, digest(inputs, path)):
                calendar_title = site.version(self.page_key, lang).title.text
                name = f"{calendar_title} – {site.names['short_name'].in_lang(lang).text}"
                writer.write_bytes(
                    path,
                    make_calendar(lang_events(), self.time_zone, site.today.year, name=name, always_time_zone=True),
                    digest(inputs, path),
                )
            for index, training in enumerate(self.trainings):
                path = self.training_ics_path(training, lang)
                if not writer.take_over(path, digest(inputs, path)):
                    writer.write_bytes(
                        path,
                        make_calendar([lang_events()[index]], self.time_zone, site.today.year),
                        digest(inputs, path),
                    )
