"""The timeline of cross-border cooperation, from data/timeline.yaml, in every language."""

from documents.generator import DocumentsFeature
from multilingual.localization import format_local_date
from multilingual.model import Feature, FeatureError
from multilingual.settings import read_settings as read_multilingual_settings
from site_data import EditorError, Problem, tr

from .settings import read_settings


def sorted_events(events):
    """Return the events in date order; a year comes before the months and days in it."""
    return sorted(events, key=lambda event: (event["date"].sort_key, event["id"]))


def paragraphs(text):
    """Split a text into its paragraphs (separated by blank lines)."""
    return [part.strip() for part in text.split("\n\n") if part.strip()]


class TimelineFeature(Feature):
    """Lay out the timeline once per language and give it to the pages that show it."""

    # Events link to documents on the documents page.
    after = ("documents",)
    datasets = ("timeline",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        self.events = {}

    def contribute(self, model):
        """Check the pages the timeline goes on, then prepare the events in every language."""
        site, data = model.site, model.data
        events = sorted_events(data.get("timeline") or [])
        documents_feature = model.feature(DocumentsFeature)
        documents = documents_feature.links if documents_feature else None
        if documents is None and any(event.get("documents") for event in events):
            raise FeatureError("timeline: events link to documents, so the documents plugin must be in PLUGINS")
        self._check_pages(site)
        locales = read_multilingual_settings(self.settings)["MULTILINGUAL_LANGUAGES"]
        partners = data.index("partners")
        for lang in site.languages:
            self.events[lang] = [self._event(event, lang, locales[lang], partners, documents) for event in events]
        page_key = self.options["TIMELINE_PAGE_KEY"]
        site.add_context_provider(page_key, self.page_context)
        for key in self.options["TIMELINE_EMBED_KEYS"]:
            site.add_context_provider(key, self.embed_context)
        if self.options["TIMELINE_HOME_COUNT"]:
            site.add_context_provider(self.options["TIMELINE_HOME_KEY"], self.home_context)

    def _check_pages(self, site):
        default = site.default_lang
        problems = []
        if self.options["TIMELINE_PAGE_KEY"] not in site.pages:
            key = self.options["TIMELINE_PAGE_KEY"]
            problems.append(
                Problem(
                    f"content/pages/{key}.{default}.md",
                    1,
                    tr("there is no timeline page"),
                    tr(
                        "create content/pages/{key}.{lang}.md with a 'Title:' and 'Template: timeline'",
                        key=key,
                        lang=default,
                    ),
                )
            )
        keys = list(self.options["TIMELINE_EMBED_KEYS"])
        if self.options["TIMELINE_HOME_COUNT"]:
            keys.append(self.options["TIMELINE_HOME_KEY"])
        for key in keys:
            if key not in site.pages:
                problems.append(
                    Problem(
                        f"content/pages/{key}.{default}.md",
                        1,
                        tr("the timeline is to be shown on the page '{key}', which does not exist", key=key),
                        tr("create the page, or change TIMELINE_EMBED_KEYS / TIMELINE_HOME_KEY in pelicanconf.py"),
                    )
                )
        if problems:
            raise EditorError(problems)

    def _event(self, event, lang, locale, partners, documents):
        """Return what the templates show of one event in ``lang``."""
        text = event["text"].in_lang(lang)
        return {
            "id": event["id"],
            "anchor": f"event-{event['id']}",
            "date_iso": event["date"].iso,
            "date_text": format_local_date(event["date"], locale),
            "title": event["title"].in_lang(lang),
            "paragraphs": paragraphs(text.text),
            # The language of the paragraphs where it is not the page's (no translation yet).
            "text_lang": text.lang if text.lang != lang else None,
            "place": event["place"].in_lang(lang) if event.get("place") else None,
            "partners": [partners[key]["name"].in_lang(lang) for key in event.get("partners", [])],
            "documents": [documents.link(key, lang) for key in event.get("documents", [])],
        }

    # Template data, per page version ------------------------------------------------------

    def _summary(self, site, lang, events, heading_level, compact=False):
        link = site.link(self.options["TIMELINE_PAGE_KEY"], lang)
        return {
            "events": events,
            "heading_level": heading_level,
            "compact": compact,
            "title": link["title"],
            "href": link["href"],
        }

    def page_context(self, site, version):
        """The timeline page: every event, each with a heading of its own."""
        return {"timeline": self._summary(site, version.lang, self.events[version.lang], 2)}

    def embed_context(self, site, version):
        """A page that embeds the timeline below its text: each event's date, title and place, linked.

        Compact, because the page's own text already tells the events and the page
        lists its documents: the full events would print both a second time.
        """
        return {"timeline": self._summary(site, version.lang, self.events[version.lang], 3, compact=True)}

    def home_context(self, site, version):
        """The home page: the latest events, newest first."""
        latest = self.events[version.lang][::-1][: self.options["TIMELINE_HOME_COUNT"]]
        return {"timeline_teaser": self._summary(site, version.lang, latest, 3, compact=True)}
