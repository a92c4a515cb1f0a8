"""The generator that turns the sources into every page of every language in one pass."""

import datetime
import hashlib
import logging
import os
import zoneinfo

from pelican import contents as pelican_contents
from pelican.generators import Generator

from content_safety import clean_checks, page_problems
from markdown_cache.settings import keeps_derived
from markdown_cache.snapshot import plugins_code_digest
from site_data import DataOptions, LocalText, Problem, tr
from site_data.kept import load_site_data_kept
from site_output.fingerprints import canonical, remembered_digest, tree_digest
from site_output.later import keep_after_build
from site_output.reads import file_digest

from .body import (
    BodyFacts,
    body_html,
    body_key,
    held_mib,
    marks_signature,
    pack_body,
    release_freed_memory,
    rendered_body,
)
from .cldr import KeptTexts
from .contacts import has_contacts, local_contacts
from .content_files import check_images, check_sources, group_by_key, keys_by_folder, mark_page_links, source_line
from .description import describe
from .front_matter import check_source_files, draft_originals, keys_with_problems, read_source_bytes
from .localization import format_local_date, install_gettext, language_name, load_catalogs
from .markup import page_html, require_autoescape
from .model import SiteModel, listed_features, required_datasets
from .romanize import slugify
from .sections import SECTION_PROVIDERS, accessibility_review_problems, feed_path
from .settings import read_settings
from .site import Page, Site, Version
from .theme_variables import feature_variables
from .translation_status import FINGERPRINT_KEY, fingerprint

logger = logging.getLogger(__name__)


def project_root(settings):
    """Return the folder that holds content/, data/ and the settings files."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))


def _check_catalogs(*arguments):
    # Imported when the check runs, with Babel's extraction and checkers: a rebuild whose templates
    # and catalogs were found clean before does not run it (some 10 ms of a new process's imports).
    from .catalog_check import check_catalogs

    return check_catalogs(*arguments)


def build_today(settings):
    """Return the date the build treats as today (SITE_TODAY, or today in TIMEZONE)."""
    if settings.get("SITE_TODAY"):
        return settings["SITE_TODAY"]
    return datetime.datetime.now(zoneinfo.ZoneInfo(settings["TIMEZONE"])).date()


# The fingerprint of each Bulgarian text by the digest of its bytes, for the next build in the
# process (the preview's): working it out reads every line of the text. A few bytes per source.
_FINGERPRINTS = {}


def _translation_fingerprint(data):
    """Return the translation fingerprint of a source's bytes, read as a text file reads them."""
    key = hashlib.sha256(data).digest()
    if key not in _FINGERPRINTS:
        if len(_FINGERPRINTS) > 100_000:
            _FINGERPRINTS.clear()
        _FINGERPRINTS[key] = fingerprint(data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
    return _FINGERPRINTS[key]


# What lay-out needs of each source, worked out when Pelican makes its content object, so that
# the reading snapshot (markdown_cache) keeps it with the object: a rebuild then neither
# romanises every title nor fingerprints every Bulgarian text again.
SLUG_ATTRIBUTE = "multilingual_slug"
FINGERPRINT_ATTRIBUTE = "multilingual_text_fingerprint"


def derive_on_reading(content):
    """Receiver of Pelican's content_object_init: a page's or news item's slug, and a Bulgarian text's fingerprint."""
    if not isinstance(content, (pelican_contents.Page, pelican_contents.Article)):
        return
    lang, title = content.metadata.get("lang"), getattr(content, "title", None)
    if isinstance(lang, str) and isinstance(title, str):
        setattr(content, SLUG_ATTRIBUTE, slugify(title, lang))
    if lang == content.settings.get("DEFAULT_LANG") and content.source_path:
        try:
            setattr(content, FINGERPRINT_ATTRIBUTE, _translation_fingerprint(read_source_bytes(content.source_path)))
        except (OSError, UnicodeDecodeError):
            pass  # the front-matter check reports the file


# Checking and rendering a page leave its transient strings (and, once its body is
# packed, its HTML) in freed memory that Python's own allocations do not reuse;
# given back to the system every so many pages, the build of a large site keeps
# to about the size of what it holds.
RELEASE_EVERY_PAGES = 250


class MultilingualGenerator(Generator):
    """Read every source once and render it in every language of the site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        # Every page of the site is rendered with this generator's environment.
        require_autoescape(self.env)
        self.languages = self.options["MULTILINGUAL_LANGUAGES"]
        self.default_lang = self.settings["DEFAULT_LANG"]
        self.root = project_root(self.settings)
        translations = os.path.join(self.root, self.options["MULTILINGUAL_TRANSLATIONS_PATH"])
        # The compiled catalogs and Babel's texts (dates, language names) as the last build left them,
        # kept only while the build keeps what it derives.
        kept = os.path.join(self.settings["CACHE_PATH"], "locale") if keeps_derived(self.settings) else None
        self.catalogs = load_catalogs(translations, self.languages, kept and os.path.join(kept, "catalogs"))
        install_gettext(self.env, self.catalogs)
        self.kept_texts = KeptTexts(kept and os.path.join(kept, "texts.pickle"))
        self.language_names = {lang: language_name(lang, locale) for lang, locale in self.languages.items()}
        self.site = None
        self.data = None
        # Made with this generator, before anything is read: a feature's settings are checked at once.
        self.features = tuple(
            feature(self.settings, self.output_path, self.theme) for _name, feature in listed_features(self.settings)
        )
        # The build's model, once this generator's own checks have passed (see model.py).
        self.model = None

    def _source_digest(self, path):
        # Read once per build, by whichever step asks first (site_output/reads.py).
        return file_digest(path)

    def local_date(self, value, lang, precision="day"):
        """Return a date written out in the given language."""
        return format_local_date(value, self.languages[lang], precision)

    # Reading and checking --------------------------------------------------------------

    def generate_context(self):
        """Check every source and data file, then lay out every version of every page."""
        # A rebuild checks again only what changed: the sources, the catalogs and templates.
        memo = clean_checks(self.settings, "pages")
        # Kept beside the checks' memory, and like it only while the build keeps what it derives.
        facts = BodyFacts(
            os.path.join(self.settings["CACHE_PATH"], "checks", "bodies.pickle") if memo.path else None,
            plugins_code_digest(tuple(self.settings.get("PLUGIN_PATHS", []))),
        )
        problems = check_source_files(self.settings, self.root, memo)
        # Keys of sources that could not be read: other files may name them without a follow-on error.
        unreadable_keys = keys_with_problems(problems)
        pages = list(self.context.get("pages", [])) + list(self.context.get("hidden_pages", []))
        articles = list(self.context.get("articles", []))
        withheld = {}
        if self.options["MULTILINGUAL_SHOW_DRAFTS"]:
            pages += self.context.get("draft_pages", [])
            articles += self.context.get("drafts", [])
        else:
            withheld = draft_originals(self.context.get("draft_pages", []), self.default_lang, self.root)
        page_sources, found = check_sources(pages, "page", list(self.languages), self.default_lang, self.root)
        problems += found
        news_sources, found = check_sources(articles, "news", list(self.languages), self.default_lang, self.root)
        problems += found
        page_groups, found = group_by_key(page_sources, self.default_lang)
        problems += found
        news_groups, found = group_by_key(news_sources, self.default_lang)
        problems += found
        for key in sorted(set(page_groups) & set(news_groups)):
            page_path = page_groups[key][self.default_lang].path
            problems.append(
                Problem(
                    news_groups[key][self.default_lang].path,
                    1,
                    tr("the key '{key}' is also used by the page {page}:1", key=key, page=page_path),
                    tr("rename the news item"),
                )
            )
        problems += self._check_templates(list(page_groups.values()) + list(news_groups.values()))

        path_to_key = {
            source.content.relative_source_path.replace(os.sep, "/"): source.key
            for group in list(page_groups.values()) + list(news_groups.values())
            for source in group.values()
        }
        content_root = self.settings["PATH"]
        folders, resolved = keys_by_folder(path_to_key), {}
        sources = [
            source for group in list(page_groups.values()) + list(news_groups.values()) for source in group.values()
        ]
        # Packing costs time at every build; it pays only where memory is short, on a large site.
        pack = held_mib(source.content for source in sources) > self.options["MULTILINGUAL_PACK_BODIES_MIB"]
        checked = 0
        for group in list(page_groups.values()) + list(news_groups.values()):
            for source in group.values():
                # The checks read the source (for line numbers) too: its digest stands for it.
                text = self._source_digest(source.content.source_path)
                # A body left in the content cache is known by its key, and read only if it is checked.
                key = body_key(source.content)
                problems += memo.run(
                    lambda source=source: page_problems(
                        body_html(source.content), source.content.source_path, source.path, content_root
                    ),
                    "page",
                    *(("stored", key) if key else ("html", body_html(source.content))),
                    text,
                    source.content.source_path,
                    source.path,
                    content_root,
                )
                problems += mark_page_links(source, path_to_key, content_root, folders, resolved, facts)
                problems += memo.run(
                    lambda source=source: check_images(source),
                    "images",
                    *(("stored", key, marks_signature(source.content)) if key else ("html", body_html(source.content))),
                    text,
                    source.content.source_path,
                    source.path,
                )
                if pack:
                    pack_body(source.content)
                    checked += 1
                    if checked % RELEASE_EVERY_PAGES == 0:
                        release_freed_memory()

        release_freed_memory()
        data_path = os.path.join(self.root, self.options["SITE_DATA_PATH"])
        options = DataOptions(
            tuple(self.languages),
            self.default_lang,
            content_root,
            self.settings["TIMEZONE"],
            required_datasets(self.settings),
        )
        # Kept beside the checks' memory, and like it only while the build keeps what it derives.
        kept = os.path.join(self.settings["CACHE_PATH"], "data", "site_data.pickle") if memo.path else None
        self.data, found = load_site_data_kept(
            kept,
            data_path,
            options,
            known_ids={"pages": set(page_groups) | unreadable_keys},
            drafts={"pages": withheld},
        )
        problems += found
        if self.data.get("accessibility"):
            problems += accessibility_review_problems(self.data, build_today(self.settings))

        site = Site(
            list(self.languages),
            self.default_lang,
            self.settings["SITEURL"],
            self.data.get("site"),
            build_today(self.settings),
            self.catalogs,
        )
        if not problems or all(p.severity != "error" for p in problems):
            problems += self._lay_out(site, page_groups, news_groups)
        translations = os.path.join(self.root, self.options["MULTILINGUAL_TRANSLATIONS_PATH"])
        templates, plugin_paths = os.path.join(self.theme, "templates"), self.settings.get("PLUGIN_PATHS", [])
        # The project's folder only names the files in the problems: a clean result does not depend on it.
        problems += memo.run(
            lambda: _check_catalogs(templates, translations, self.languages, self.root, plugin_paths),
            "catalogs",
            canonical(self.languages),
            *[f"{folder} {tree_digest(folder)}" for folder in (templates, translations, *plugin_paths)],
        )
        keep_after_build(memo.save)
        model = SiteModel(site, self.data, self.options["SITE_STRICT"], self.features, bodies=facts)
        model.report(problems)
        self.site = site
        self.model = model
        for feature in model.features:
            feature.contribute(model)
        keep_after_build(facts.save)
        # The features' work (decoding photos, most of all) is done; rendering needs none of its memory.
        release_freed_memory()
        # After the features' feeds (the training calendar's): every <head> lists them in this order.
        self._announce_feeds(site)

    def _announce_feeds(self, site):
        """Announce each language's Atom feed of news, which this generator writes (outputs.write_feeds)."""
        news_key = self.options["MULTILINGUAL_NEWS_KEY"]
        if news_key not in site.pages:
            return
        for lang in site.languages:
            title = f"{site.version(news_key, lang).title.text} – {site.names['short_name'].in_lang(lang).text}"
            site.add_feed(lang, site.absolute(feed_path(site, news_key, lang)), "application/atom+xml", title)

    def _check_templates(self, groups):
        # Whether each page's template exists, from the names the theme's loaders list: loading every
        # template here (some 10 ms of a rebuild) served only the rendering, which loads those it renders.
        # Pelican's loaders (the theme's, then its own) can all list them; it tries the names with each extension.
        names = set(self.env.list_templates())
        extensions = self.settings["TEMPLATE_EXTENSIONS"]
        problems = []
        for group in groups:
            for source in group.values():
                if not any(source.content.template + extension in names for extension in extensions):
                    line = source_line(source.content.source_path, r"^template\s*:")
                    problems.append(
                        Problem(
                            source.path,
                            line,
                            tr("there is no template '{template}'", template=source.content.template),
                            tr(
                                "remove the Template line, or use one of: {templates}",
                                templates=", ".join(self._page_templates()),
                            ),
                        )
                    )
        return problems

    def _page_templates(self):
        """Return the names of the theme's own page templates (not partials, not Pelican's)."""
        folder = os.path.join(self.theme, "templates")
        return sorted(
            name[: -len(".html")]
            for name in os.listdir(folder)
            if name.endswith(".html") and not name.startswith(("_", "base", "404"))
        )

    def _version(self, source, url, source_fingerprint):
        content = source.content
        summary = getattr(content, "metadata", {}).get("summary")
        # Pelican has read the translation's front matter; only the Bulgarian
        # source is read again (once per page) to take its fingerprint.
        outdated = source_fingerprint is not None and (content.metadata.get(FINGERPRINT_KEY) != source_fingerprint)
        return Version(
            outdated=outdated,
            key=source.key,
            lang=source.lang,
            url=url,
            title=LocalText(content.title, source.lang),
            template=content.template,
            content_lang=source.lang,
            source=content,
            summary=LocalText(summary, source.lang) if summary else None,
        )

    def _fingerprints(self, group):
        """Return {lang: fingerprint of the Bulgarian text} for the translations of a group."""
        if len(group) == 1:
            return {}
        original = group[self.default_lang].content
        current = getattr(original, FINGERPRINT_ATTRIBUTE, None) or _translation_fingerprint(
            read_source_bytes(original.source_path)
        )
        return {lang: current for lang in group if lang != self.default_lang}

    def _slug(self, source):
        content = source.content
        return (
            content.metadata.get("slug")
            or getattr(content, SLUG_ATTRIBUTE, None)
            or slugify(content.title, source.lang)
        )

    def _lay_out(self, site, page_groups, news_groups):
        """Give every page and news item a version per language; return URL clashes."""
        home_key = self.options["MULTILINGUAL_HOME_KEY"]
        news_key = self.options["MULTILINGUAL_NEWS_KEY"]
        problems = []
        for required in (home_key,) + ((news_key,) if news_groups else ()):
            if required not in page_groups:
                problems.append(
                    Problem(
                        "content/pages",
                        1,
                        tr("there is no page '{key}'", key=required),
                        tr("create content/pages/{key}.{lang}.md", key=required, lang=self.default_lang),
                    )
                )
        if problems:
            return problems
        for key, group in page_groups.items():
            page = site.add(Page(key=key, kind="page"))
            fingerprints = self._fingerprints(group)
            for lang, source in group.items():
                url = site.lang_prefix(lang) + ("" if key == home_key else self._slug(source) + "/")
                page.versions[lang] = self._version(source, url, fingerprints.get(lang))
            bg_slug = self._slug(group[self.default_lang])
            site.add_fallbacks(
                page, lambda lang, s=bg_slug, k=key: site.lang_prefix(lang) + ("" if k == home_key else s + "/")
            )
        news_page = site.pages[news_key] if news_key in site.pages else None
        for key, group in news_groups.items():
            date = group[self.default_lang].content.date
            scheduled = date.date() > site.today
            if scheduled and self.options["MULTILINGUAL_HIDE_FUTURE_NEWS"]:
                # Not a page, so in no list, feed, sitemap or search index until the daily rebuild on its date.
                logger.info(
                    "%s is dated %s, after today: it is left out until then",
                    group[self.default_lang].path,
                    date.date().isoformat(),
                )
                continue
            page = site.add(Page(key=key, kind="news", parent=news_key, date=date, scheduled=scheduled))
            fingerprints = self._fingerprints(group)
            for lang, source in group.items():
                url = news_page.versions[lang].url + self._slug(source) + "/"
                page.versions[lang] = self._version(source, url, fingerprints.get(lang))
            bg_slug = self._slug(group[self.default_lang])
            site.add_fallbacks(page, lambda lang, s=bg_slug: news_page.versions[lang].url + s + "/")
        navigation = self.data.get("navigation") or {}
        site.main_navigation = navigation.get("main", [])
        site.footer_navigation = navigation.get("footer", [])
        for entry in site.main_navigation:
            for child in entry.get("children", []):
                site.pages[child].parent = entry["page"]
        return problems + self._url_clashes(site, page_groups, news_groups)

    def _url_clashes(self, site, page_groups, news_groups):
        problems, seen = set(), {}
        groups = {**page_groups, **news_groups}
        for page in site.pages.values():
            for lang, version in page.versions.items():
                if version.url in seen:
                    # Either file may be the one to change: name both, each at the line its address comes from.
                    other_key, other_lang = seen[version.url]
                    for key, key_lang, clashing in ((page.key, lang, other_key), (other_key, other_lang, page.key)):
                        source = groups[key].get(key_lang) or groups[key][self.default_lang]
                        problems.add(
                            Problem(
                                source.path,
                                self._slug_line(source),
                                tr(
                                    "the address /{url} is also the address of '{other}'",
                                    url=version.url,
                                    other=clashing,
                                ),
                                tr("set a different 'Slug:' in one of the two files"),
                            )
                        )
                seen[version.url] = (page.key, lang)
        return sorted(problems)

    def _slug_line(self, source):
        """Return the line the address comes from: the Slug: line, or else the Title: line."""
        field = "slug" if "slug" in source.content.metadata else "title"
        return source_line(source.content.source_path, rf"^{field}\s*:")

    # Writing ------------------------------------------------------------------------------

    def page_context(self, version):
        """Return everything a template needs to render one version."""
        site = self.site
        home_key = self.options["MULTILINGUAL_HOME_KEY"]
        content = page_html(
            rendered_body(version.source) if version.source is not None else "",
            lambda key: site.url_for(key, version.lang),
        )
        for body_filter in site.body_filters:
            content = body_filter(content, version)
        page = site.pages[version.key]
        names = self.data.get("site")
        navigation = site.navigation(site.main_navigation, version.lang, version.key)
        contacts = local_contacts(self.data, version.lang)
        is_home = version.key == home_key
        context = {
            "lang": version.lang,
            "page": {
                "key": version.key,
                "is_home": is_home,
                "title": version.title,
                "summary": version.summary,
                "content": content,
                "content_lang": version.content_lang,
                "is_translation": version.is_translation,
                # The lang attributes of a page shown in Bulgarian for want of a translation: its text
                # is marked as Bulgarian, and what it shows in the reader's language within that text
                # (lists from the data, interface text) as the page's language again. None on a translation.
                "text_lang": None if version.is_translation else version.content_lang,
                "reader_lang": None if version.is_translation else version.lang,
                "original_lang": self.default_lang,
                "outdated": version.outdated,
                "draft": getattr(version.source, "status", "") == "draft",
                "url": site.absolute(version.url),
                "canonical": site.canonical(version),
                "original_href": site.url_for(version.key, self.default_lang),
                "alternates": site.alternates(version),
                "switcher": site.switcher(version, self.language_names),
                "breadcrumbs": site.breadcrumbs(version, home_key),
                "date": page.date,
                "scheduled": page.scheduled,
                "noindex": not page.indexed,
            },
            "site": {
                "name": names["name"].in_lang(version.lang),
                "short_name": names["short_name"].in_lang(version.lang),
                "home_href": site.url_for(home_key, version.lang),
                "navigation": navigation,
                # The home page shows every section as cards, not one section's menu.
                "section": None
                if is_home
                else next((item for item in navigation if item["in_section"] and item["children"]), None),
                "footer_navigation": site.navigation(site.footer_navigation, version.lang, version.key),
                "language_name": self.language_names[version.lang],
                "contacts": contacts if has_contacts(contacts) else None,
                # Feeds and calendars of this language (site.add_feed): whoever writes one
                # announces it, with or without the publishing plugin.
                "feeds": site.feeds.get(version.lang, []),
                # The theme's stylesheet as Pelican copies it; the publishing plugin links
                # a minified, fingerprinted copy instead.
                "stylesheet_href": site.absolute(f"{self.settings['THEME_STATIC_DIR']}/css/site.css"),
            },
        }
        # The feature plugins' variables first, empty: their providers below fill those of the pages they serve.
        context = {**feature_variables(), **context}
        provider = SECTION_PROVIDERS.get(version.template)
        if provider:
            context.update(provider(self, version))
        # Before the extenders: publishing's <head> (Open Graph, share card) reads it from the version.
        version.description = describe(site, version, context.pop("description", None))
        context["page"]["description"] = version.description
        for extend in site.context_extenders:
            context.update(extend(site, version))
        for extra in site.context_providers.get(version.key, []):
            context.update(extra(site, version))
        context.update(version.extra)
        return context

    def page_fingerprints(self, inputs):
        """Return {(key, lang): fingerprint of everything the version's page is made from}.

        ``inputs`` is the digest of the site's inputs but the Markdown texts (the
        writer's ``inputs_digest``): settings, templates, plugins, data, catalogs and
        every source's front matter, so titles, menus, lists and addresses are in it.
        A page adds the texts it shows: those of its own key in every language (a
        translation is marked outdated when the Bulgarian text changes) and those
        of the pages above it (a page without text is described by its parent's).
        """
        site = self.site
        texts = {}
        for key, page in site.pages.items():
            paths = sorted(
                {version.source.source_path for version in page.versions.values() if version.source is not None}
            )
            texts[key] = remembered_digest(*[self._source_digest(path) for path in paths])
        fingerprints = {}
        for key, page in site.pages.items():
            shown, seen, above = [texts[key]], {key}, page.parent
            while above in site.pages and above not in seen:
                seen.add(above)
                shown.append(texts[above])
                above = site.pages[above].parent
            for lang, version in page.versions.items():
                fingerprints[key, lang] = remembered_digest(
                    inputs, key, lang, version.save_as, version.template, *shown
                )
        return fingerprints

    def generate_output(self, writer):
        """Write every version of every page, the 404 pages, the feeds and the sitemap.

        A page whose fingerprint is that of the same page in the live generation
        is taken over from it by the writer instead of being rendered again.
        """
        fingerprints = self.page_fingerprints(writer.inputs_digest())
        rendered = 0
        for page in self.site.pages.values():
            for version in page.versions.values():
                rendered += writer.write_page(
                    version.save_as,
                    fingerprints[version.key, version.lang],
                    self.get_template(version.template),
                    self.context,
                    lambda version=version: self.page_context(version),
                )
                if rendered and rendered % RELEASE_EVERY_PAGES == 0:
                    release_freed_memory()
        release_freed_memory()
        from .outputs import write_feeds, write_not_found_pages, write_sitemap

        write_not_found_pages(self, writer)
        write_feeds(self, writer)
        write_sitemap(self, writer)
        for feature in self.model.features:
            feature.write(self.model, writer)
        self.kept_texts.save()
