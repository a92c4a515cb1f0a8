"""The feature that prepares what publishing adds to every page, and writes the host's files.

In contribute it fingerprints the assets and registers one context extender on
the Site: every page rendered by the multilingual generator then gets a
``publishing`` variable (stylesheet, the feeds the site announces, Open Graph,
Twitter card, Organization JSON-LD, search link). In write it writes the
assets, robots.txt and _headers. Indexing and precompression run later, on the
finished output (see publishing.py).
"""

import logging
import os

from multilingual.contacts import local_contacts
from multilingual.markup import json_ld
from multilingual.model import Feature
from multilingual.settings import read_settings as read_multilingual_settings
from site_data import Problem, tr
from site_output.fingerprints import digest

from .assets import fingerprinted
from .head import open_graph, organization, shared_texts, twitter_card
from .hosting import meta_policy, netlify_headers, site_headers
from .identity import ICON_FILES, icon_files
from .search import is_indexed, search_context
from .security_txt import SECURITY_TXT_PATH, security_txt
from .settings import read_settings
from .share_card import HEIGHT, WIDTH, share_card, theme_fonts

logger = logging.getLogger(__name__)

# The request form's print button (themes/thrace/static/js/print.js).
PRINT_SCRIPT = os.path.join("js", "print.js")
SEARCH_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static", "search.js")
LIVE_RELOAD_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static", "live-reload.js")


class PublishingFeature(Feature):
    """Add the publication metadata to every page and write the files a static host reads."""

    datasets = ("security",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        multilingual = read_multilingual_settings(self.settings)
        self.locales = multilingual["MULTILINGUAL_LANGUAGES"]
        self.home_key = multilingual["MULTILINGUAL_HOME_KEY"]
        self.search_key = self.options["PUBLISHING_SEARCH_PAGE_KEY"]
        self.headers = site_headers(self.options, self.settings["SITEURL"])
        self.site = None
        self.assets = {}
        self.security_txt = None
        self.data = None
        # Share cards by file name, filled while the pages are rendered, written in write().
        self.cards = {}
        self.card_fonts = theme_fonts(self.theme) if self.options["PUBLISHING_SHARE_CARDS"] else None
        self.card_fonts_digest = self.card_fonts.digest() if self.card_fonts else None

    def contribute(self, model):
        """Check the search page, fingerprint the assets and hook into every page's context."""
        site, data = model.site, model.data
        self.site = site
        self.data = data
        problems = []
        if self.search_key not in site.pages:
            # A warning, not an error: small test sites need no search page (strict builds refuse it).
            problems.append(
                Problem(
                    "content/pages",
                    1,
                    tr("there is no page '{key}' for the search", key=self.search_key),
                    tr(
                        "create content/pages/{key}.bg.md (and one per language) with 'Template: search'",
                        key=self.search_key,
                    ),
                    "warning",
                )
            )
        self.security_txt, found = security_txt(data.get("security"), self.settings["SITEURL"], site.today)
        problems += found
        if self.security_txt is None and not found and data.get("security") is not None:
            logger.info("security.txt is not published: data/security.yaml names no contact yet")
        model.report(problems)

        stylesheet = os.path.join(self.theme, "static", self.options["PUBLISHING_STYLESHEET"])
        self.assets = {
            "stylesheet": fingerprinted(stylesheet),
            "search_script": fingerprinted(SEARCH_SCRIPT),
            # Published under assets/, the folder the policy lets scripts run from.
            "print_script": fingerprinted(os.path.join(self.theme, "static", PRINT_SCRIPT)),
        }
        if self.options["PUBLISHING_LIVE_RELOAD"]:
            self.assets["live_reload_script"] = fingerprinted(LIVE_RELOAD_SCRIPT)
        site.add_context_extender(self.head_context)
        if self.search_key in site.pages:
            site.add_context_provider(self.search_key, self.search_page_context)

    def asset_href(self, name, folder=None):
        """Return the link to a fingerprinted asset, or to the file ``name`` in a folder of the assets."""
        assets = self.options["PUBLISHING_ASSETS_DIR"]
        if folder:
            return self.site.absolute(f"{assets}/{folder}/{name}")
        return self.site.absolute(f"{assets}/{self.assets[name].name}")

    def share_image(self, site, version):
        """Return the generated card of a version as {url, width, height, alt}, or None when cards are off.

        The images plugin may give a page a picture of its own; this card is the fallback.
        """
        if self.card_fonts is None:
            return None
        site_name, title = shared_texts(site, version, self.home_key)
        name, content = share_card(
            site_name,
            title,
            self.card_fonts,
            os.path.join(self.settings["CACHE_PATH"], "share-cards"),
            self.card_fonts_digest,
        )
        self.cards[name] = content
        # The card shows these words and nothing else: they are its text alternative.
        alt = site_name if title == site_name else f"{site_name}: {title}"
        return {"url": self.asset_href(name, folder="cards"), "width": WIDTH, "height": HEIGHT, "alt": alt}

    def head_context(self, site, version):
        """Return the ``publishing`` variable of a page: everything its <head> and header add."""
        site_wide = self.headers["/*"]
        image = self.share_image(site, version)
        return {
            "publishing": {
                "content_security_policy": meta_policy(self.headers),
                "referrer_policy": site_wide.get("Referrer-Policy"),
                "stylesheet": self.asset_href("stylesheet"),
                "print_script": self.asset_href("print_script"),
                "live_reload_script": self.asset_href("live_reload_script")
                if "live_reload_script" in self.assets
                else None,
                "icons": {name: site.absolute(path) for name, path in ICON_FILES.items()},
                "open_graph": open_graph(site, version, self.locales, self.home_key, image),
                "twitter": twitter_card(site, version, self.home_key, image),
                "organization": json_ld(
                    organization(site, version.lang, self.home_key, local_contacts(self.data, version.lang))
                )
                if version.key == self.home_key
                else None,
                "search_href": site.url_for(self.search_key, version.lang) if self.search_key in site.pages else None,
                "search_current": version.key == self.search_key,
                "indexed": is_indexed(version, self.search_key) and site.pages[version.key].indexed,
            }
        }

    def search_page_context(self, site, version):
        """Return what the search page shows: the form, Pagefind's settings, every page."""
        context = search_context(
            site,
            version,
            site.catalogs[version.lang],
            site.main_navigation,
            {self.search_key},
            self.home_key,
            self.options["PUBLISHING_SEARCH_INDEX"],
        )
        context["search"]["script"] = self.asset_href("search_script")
        return context

    def write(self, model, writer):
        """Write the fingerprinted assets, the icons, the share cards, robots.txt, _headers and security.txt."""
        assets = self.options["PUBLISHING_ASSETS_DIR"]
        for asset in self.assets.values():
            writer.write_bytes(f"{assets}/{asset.name}", asset.content)
        # Drawn from the code alone (identity.py): taken over from the live generation while the
        # inputs digest, which covers the plugins' code, is unchanged; drawing them loads all of Pillow.
        inputs, icons = writer.inputs_digest(), None
        for name in ICON_FILES.values():
            if not writer.take_over(name, digest(inputs, name)):
                icons = icons or icon_files()
                writer.write_bytes(name, icons[name], digest(inputs, name))
        if self.card_fonts is not None:
            # The card of every page, including those the writer took over without rendering them
            # (rendering a page is what asks for its card).
            for page in self.site.pages.values():
                for version in page.versions.values():
                    self.share_image(self.site, version)
        for name in sorted(self.cards):
            writer.write_bytes(f"{assets}/cards/{name}", self.cards[name])
        writer.write_text("robots.txt", robots_txt(self.settings["SITEURL"]))
        writer.write_text("_headers", netlify_headers(self.headers))
        if self.security_txt is not None:
            writer.write_text(SECURITY_TXT_PATH, self.security_txt)


def robots_txt(siteurl):
    """Return robots.txt: everything may be crawled; the sitemap by its absolute URL."""
    lines = ["User-agent: *", "Allow: /"]
    if siteurl.startswith(("https://", "http://")):
        # The Sitemap line must be an absolute URL: development builds (SITEURL = "") leave it out.
        lines += ["", f"Sitemap: {siteurl}/sitemap.xml"]
    return "\n".join(lines) + "\n"
