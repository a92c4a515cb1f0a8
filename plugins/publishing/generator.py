"""The generator that prepares what publishing adds to every page, and writes the host's files.

In generate_context it fingerprints the assets, announces the news feeds, and
registers one context extender on the Site: every page rendered by the
multilingual generator then gets a ``publishing`` variable (stylesheet, feeds,
Open Graph, Twitter card, Organization JSON-LD, search link). In
generate_output it writes the assets, robots.txt and _headers. Indexing and
precompression run later, on the finished output (see publishing.py).
"""

import logging
import os

from pelican.generators import Generator

from multilingual.markup import json_ld
from multilingual.sections import feed_path
from multilingual.settings import read_settings as read_multilingual_settings
from multilingual.site import shared_site
from site_data import EditorError, Problem, fatal_problems, tr

from .assets import fingerprinted
from .head import open_graph, organization, twitter_card
from .hosting import meta_policy, netlify_headers, site_headers
from .search import is_indexed, search_context
from .security_txt import SECURITY_TXT_PATH, security_txt
from .settings import read_settings

logger = logging.getLogger(__name__)

SEARCH_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static", "search.js")


class PublishingGenerator(Generator):
    """Add the publication metadata to every page and write the files a static host reads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        multilingual = read_multilingual_settings(self.settings)
        self.locales = multilingual["MULTILINGUAL_LANGUAGES"]
        self.home_key = multilingual["MULTILINGUAL_HOME_KEY"]
        self.news_key = multilingual["MULTILINGUAL_NEWS_KEY"]
        self.strict = multilingual["SITE_STRICT"]
        self.search_key = self.options["PUBLISHING_SEARCH_PAGE_KEY"]
        self.headers = site_headers(self.options, self.settings["SITEURL"])
        self.site = None
        self.assets = {}
        self.security_txt = None

    def generate_context(self):
        """Check the search page, fingerprint the assets and hook into every page's context."""
        site, data = shared_site(self.context, "publishing")
        self.site = site
        problems = []
        if self.search_key not in site.pages:
            # A warning, not an error: small test sites need no search page (strict builds refuse it).
            problems.append(Problem(
                "content/pages", 1, tr("there is no page '{key}' for the search", key=self.search_key),
                tr("create content/pages/{key}.bg.md (and one per language) with 'Template: search'", key=self.search_key),
                "warning",
            ))
        self.security_txt, found = security_txt(data.get("security"), self.settings["SITEURL"], site.today)
        problems += found
        if self.security_txt is None and not found and data.get("security") is not None:
            logger.info("security.txt is not published: data/security.yaml names no contact yet")
        if fatal_problems(problems, self.strict):
            raise EditorError(problems)
        for problem in problems:
            logger.warning("%s", problem)
        self.context["editor_warnings"] = list(self.context.get("editor_warnings", [])) + problems

        stylesheet = os.path.join(self.theme, "static", self.options["PUBLISHING_STYLESHEET"])
        self.assets = {"stylesheet": fingerprinted(stylesheet), "search_script": fingerprinted(SEARCH_SCRIPT)}
        if self.news_key in site.pages:
            # The multilingual plugin writes one Atom feed per language (outputs.write_feeds).
            for lang in site.languages:
                title = f"{site.version(self.news_key, lang).title.text} – {site.names['short_name'].in_lang(lang).text}"
                site.add_feed(lang, site.absolute(feed_path(site, lang)), "application/atom+xml", title)
        site.add_context_extender(self.head_context)
        if self.search_key in site.pages:
            site.add_context_provider(self.search_key, self.search_page_context)

    def asset_href(self, name):
        """Return the link to a fingerprinted asset."""
        return self.site.absolute(f"{self.options['PUBLISHING_ASSETS_DIR']}/{self.assets[name].name}")

    def head_context(self, site, version):
        """Return the ``publishing`` variable of a page: everything its <head> and header add."""
        site_wide = self.headers["/*"]
        return {
            "publishing": {
                "content_security_policy": meta_policy(self.headers),
                "referrer_policy": site_wide.get("Referrer-Policy"),
                "stylesheet": self.asset_href("stylesheet"),
                "feeds": site.feeds.get(version.lang, []),
                "open_graph": open_graph(site, version, self.locales, self.home_key),
                "twitter": twitter_card(site, version, self.home_key),
                "organization": json_ld(organization(site, version.lang, self.home_key))
                if version.key == self.home_key else None,
                "search_href": site.url_for(self.search_key, version.lang) if self.search_key in site.pages else None,
                "search_current": version.key == self.search_key,
                "indexed": is_indexed(version, self.search_key),
            }
        }

    def search_page_context(self, site, version):
        """Return what the search page shows: the form, Pagefind's settings, every page."""
        context = search_context(site, version, site.catalogs[version.lang], site.main_navigation,
                                 {self.search_key}, self.home_key, self.options["PUBLISHING_SEARCH_INDEX"])
        context["search"]["script"] = self.asset_href("search_script")
        return context

    def generate_output(self, writer):
        """Write the fingerprinted assets, robots.txt, _headers and security.txt."""
        folder = os.path.join(self.output_path, self.options["PUBLISHING_ASSETS_DIR"])
        os.makedirs(folder, exist_ok=True)
        for asset in self.assets.values():
            with open(os.path.join(folder, asset.name), "wb") as handle:
                handle.write(asset.content)
        self._write_text("robots.txt", robots_txt(self.settings["SITEURL"]))
        self._write_text("_headers", netlify_headers(self.headers))
        if self.security_txt is not None:
            os.makedirs(os.path.join(self.output_path, os.path.dirname(SECURITY_TXT_PATH)), exist_ok=True)
            self._write_text(SECURITY_TXT_PATH, self.security_txt)

    def _write_text(self, name, text):
        with open(os.path.join(self.output_path, name), "w", encoding="utf-8") as handle:
            handle.write(text)


def robots_txt(siteurl):
    """Return robots.txt: everything may be crawled; the sitemap by its absolute URL."""
    lines = ["User-agent: *", "Allow: /"]
    if siteurl.startswith(("https://", "http://")):
        # The Sitemap line must be an absolute URL: development builds (SITEURL = "") leave it out.
        lines += ["", f"Sitemap: {siteurl}/sitemap.xml"]
    return "\n".join(lines) + "\n"
