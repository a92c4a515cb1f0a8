"""The site's pages in every language, and how each language version links to the others.

A *page* here is one logical page (one translation key) and its *versions*, one
per language of the site. A version is either a real translation or an honest
fallback: the Bulgarian text inside that language's interface. Everything the
templates need about languages (switcher, hreflang, canonical, navigation,
breadcrumbs) is computed here once, in Python.
"""

from dataclasses import dataclass, field

from site_data import LocalText


@dataclass
class Version:
    """One language version of a page."""

    key: str
    lang: str
    url: str
    title: LocalText
    template: str
    content_lang: str
    source: object = None
    summary: LocalText | None = None
    extra: dict = field(default_factory=dict)
    # A translation made from an older Bulgarian text than the current one.
    outdated: bool = False
    # <meta name="description">: set when the version is rendered (multilingual/description.py).
    description: str | None = None

    @property
    def is_translation(self):
        """True if the text is written in the version's language (not a fallback)."""
        return self.content_lang == self.lang

    @property
    def save_as(self):
        """Return the output file of the version (pretty URLs: …/slug/index.html)."""
        return self.url + "index.html" if self.url.endswith("/") or not self.url else self.url


@dataclass
class Page:
    """A logical page: one translation key, one version per language."""

    key: str
    kind: str
    versions: dict = field(default_factory=dict)
    parent: str | None = None
    date: object = None
    in_sitemap: bool = True
    # A news item dated after the build's today (shown only where future news is not hidden).
    scheduled: bool = False
    # False for a page with nothing to show yet (an empty calendar): it says so to visitors,
    # and carries noindex, stays out of the sitemap and the search index, and off the home page.
    indexed: bool = True

    def hide_while_empty(self):
        """Mark the page as having nothing to show yet: not indexed, not in the sitemap."""
        self.indexed = False
        self.in_sitemap = False


class Site:
    """Every page of every language, with URLs, navigation and language links."""

    def __init__(self, languages, default_lang, siteurl, names, today, catalogs=None):
        self.languages = languages
        # The compiled interface catalogs ({lang: Translations}), for text plugins write in Python.
        self.catalogs = catalogs or {}
        self.default_lang = default_lang
        self.siteurl = siteurl
        self.names = names
        self.today = today
        self.pages = {}
        self.context_providers = {}
        # Site-wide hooks the features fill in their contribute() (see add_context_extender, add_feed).
        self.context_extenders = []
        self.feeds = {}
        # Functions that rewrite a page's body after it is sanitised (see add_body_filter).
        self.body_filters = []
        self.main_navigation = []
        self.footer_navigation = []

    def lang_prefix(self, lang):
        """Return the URL folder of a language ('' for Bulgarian, 'en/' for English)."""
        return "" if lang == self.default_lang else f"{lang}/"

    def absolute(self, url):
        """Return the URL as it is written in links (SITEURL-based)."""
        return f"{self.siteurl}/{url}"

    def add(self, page):
        """Add a logical page; its Bulgarian version must be present."""
        self.pages[page.key] = page
        return page

    def add_fallbacks(self, page, slug_for):
        """Give ``page`` a fallback version in each language it has no translation in."""
        source = page.versions[self.default_lang]
        for lang in self.languages:
            if lang not in page.versions:
                page.versions[lang] = Version(
                    key=page.key,
                    lang=lang,
                    url=slug_for(lang),
                    title=source.title,
                    template=source.template,
                    content_lang=source.content_lang,
                    source=source.source,
                    summary=source.summary,
                    extra=source.extra,
                )

    def version(self, key, lang):
        """Return the version of page ``key`` in ``lang``."""
        return self.pages[key].versions[lang]

    def url_for(self, key, lang):
        """Return the link to page ``key`` in ``lang``."""
        return self.absolute(self.version(key, lang).url)

    def file_beside(self, key, lang, extension):
        """Return the path of a file of page ``key`` in ``lang``: the page's address with ``extension`` for its last slash.

        A feed or calendar is then named in the reader's language and romanisation, like
        its page (novini/ → novini.atom.xml, en/news/ → en/news.atom.xml), and its
        address changes only when the page's does. Never inside the page's folder: a
        file there would need a name of its own, in one language or another.
        """
        url = self.version(key, lang).url
        if not url.endswith("/") or url == self.lang_prefix(lang):
            raise ValueError(f"the page {key!r} in {lang!r} has no address of its own to name a file after ({url!r})")
        return url[:-1] + extension

    def add_context_provider(self, key, provider):
        """Call ``provider(site, version)`` for extra template data when ``key`` is rendered."""
        self.context_providers.setdefault(key, []).append(provider)

    def add_context_extender(self, extender):
        """Call ``extender(site, version)`` for extra template data when any page is rendered."""
        self.context_extenders.append(extender)

    def add_body_filter(self, body_filter):
        """Call ``body_filter(html, version)`` on every page's body once it is sanitised; it returns Markup.

        For HTML our own code writes (the images plugin's <picture>), which the
        allow-list for the editor's HTML does not apply to.
        """
        self.body_filters.append(body_filter)

    def add_feed(self, lang, href, media_type, title):
        """Announce a feed or calendar of ``lang`` (Atom, .ics) that pages of that language link to.

        Announced by type and title, without hreflang: hreflang links the translations
        of one page to each other, and a feed cannot link back.
        """
        self.feeds.setdefault(lang, []).append({"href": href, "type": media_type, "title": title})

    # What the templates get, per version -------------------------------------------------

    def alternates(self, version):
        """Return the hreflang links of a version: real translations and x-default.

        A fallback version has none: it is not a translation, and its canonical
        link points to the Bulgarian original instead. Nor has a page kept out of
        search engines while it is empty (noindex): hreflang validators report an
        alternate that is noindex, and there is nothing to choose a language of yet.
        """
        page = self.pages[version.key]
        if not version.is_translation or not page.indexed:
            return []
        # In the site's language order, not the order the sources were read in (it varies).
        links = [
            {"hreflang": lang, "href": self.absolute(page.versions[lang].url)}
            for lang in self.languages
            if lang in page.versions and page.versions[lang].is_translation
        ]
        links.append({"hreflang": "x-default", "href": self.url_for(version.key, self.default_lang)})
        return links

    def canonical(self, version):
        """Return the canonical URL: the version itself, or the original for a fallback."""
        if version.is_translation:
            return self.absolute(version.url)
        return self.url_for(version.key, version.content_lang)

    def switcher(self, version, language_names):
        """Return the language switcher: every language, each to this page in it."""
        page = self.pages[version.key]
        return [
            {
                "lang": lang,
                "name": language_names[lang],
                "href": self.absolute(page.versions[lang].url),
                "current": lang == version.lang,
                "translated": page.versions[lang].is_translation,
            }
            for lang in self.languages
        ]

    def ancestors(self, key):
        """Return the keys of the pages above ``key`` (its parent, the parent's parent…)."""
        found = []
        parent = self.pages[key].parent if key in self.pages else None
        while parent and parent not in found:
            found.append(parent)
            parent = self.pages[parent].parent if parent in self.pages else None
        return found

    def navigation(self, entries, lang, current_key):
        """Return navigation items in ``lang``, marking the current page and its section."""
        above = self.ancestors(current_key)
        items = []
        for entry in entries:
            key = entry if isinstance(entry, str) else entry["page"]
            children = [] if isinstance(entry, str) else entry.get("children", [])
            children = self.navigation(children, lang, current_key)
            item = self.link(key, lang)
            item["current"] = key == current_key
            item["in_section"] = (
                item["current"] or key in above or any(c["current"] or c["in_section"] for c in children)
            )
            item["children"] = children
            items.append(item)
        return items

    def link(self, key, lang):
        """Return {title, href, summary, key} for linking to page ``key`` in ``lang``."""
        target = self.version(key, lang)
        return {"key": key, "title": target.title, "href": self.absolute(target.url), "summary": target.summary}

    def breadcrumbs(self, version, home_key):
        """Return the trail from the home page to the version's parent."""
        trail = []
        parent = self.pages[version.key].parent
        while parent:
            trail.insert(0, self.link(parent, version.lang))
            parent = self.pages[parent].parent
        if version.key != home_key:
            trail.insert(0, self.link(home_key, version.lang))
        return trail
