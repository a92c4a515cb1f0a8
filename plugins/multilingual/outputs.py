"""The files besides pages: the 404 page of each language, news feeds and the sitemap."""

import datetime
import zoneinfo
from xml.sax.saxutils import escape, quoteattr

from feedgenerator import Atom1Feed
from markupsafe import escape as escape_html

from site_output.fingerprints import digest

from .sections import feed_path, news_items

SITEMAP = "sitemap.xml"


def write_not_found_pages(generator, writer):
    """Write 404.html at the root of each language, in that language's interface."""
    site = generator.site
    home_key = generator.options["MULTILINGUAL_HOME_KEY"]
    template = generator.get_template("404")
    for lang in site.languages:
        home = site.version(home_key, lang)
        context = generator.page_context(home)
        context["page"] = dict(
            context["page"],
            key="404",
            is_home=False,
            title=None,
            summary=None,
            description=None,
            content="",
            alternates=[],
            canonical=None,
            breadcrumbs=[],
            is_translation=True,
            content_lang=lang,
            text_lang=None,
            reader_lang=None,
            switcher=[dict(item, href=site.url_for(home_key, item["lang"])) for item in context["page"]["switcher"]],
        )
        writer.write_file(f"{site.lang_prefix(lang)}404.html", template, generator.context, **context)


class _Feed(Atom1Feed):
    """An Atom feed whose <updated>, while it has no item, is the build's today rather than the clock's.

    feedgenerator dates an empty feed with the current second: two builds of the
    same sources would differ, and every rebuild would rewrite the feed.
    """

    def __init__(self, *args, empty_date, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_date = empty_date

    def latest_post_date(self):
        return super().latest_post_date() if self.items else self.empty_date


def write_feeds(generator, writer):
    """Write one Atom feed per language with the news items written in that language."""
    site = generator.site
    names = generator.data.get("site")
    news_key = generator.options["MULTILINGUAL_NEWS_KEY"]
    if news_key not in site.pages:
        return
    today = datetime.datetime.combine(site.today, datetime.time(), zoneinfo.ZoneInfo(generator.settings["TIMEZONE"]))
    for lang in site.languages:
        path = feed_path(site, news_key, lang)
        feed = _Feed(
            title=names["name"].in_lang(lang).text,
            link=site.url_for(news_key, lang),
            description="",
            language=lang,
            feed_url=site.absolute(path),
            empty_date=today,
        )
        for item in news_items(generator, lang):
            version = site.version(item["key"], lang)
            if not version.is_translation:
                continue
            page = site.pages[item["key"]]
            feed.add_item(
                title=version.title.text,
                link=item["href"],
                unique_id=item["href"],
                # Atom1Feed writes the description as <summary type="html">: a plain-text
                # summary is escaped as HTML first, or a reader would run its markup.
                description=str(escape_html(version.summary.text)) if version.summary else "",
                pubdate=page.date,
                updateddate=page.date,
            )
        writer.write_text(path, feed.writeString("utf-8"))


def write_sitemap(generator, writer):
    """Write sitemap.xml: every real translation, each with its hreflang alternates.

    It lists addresses and alternates only, which the inputs digest covers (the
    front matter, data and settings they come from, not the pages' texts): taken
    over from the live generation while that digest is unchanged, like an .ics file.
    """
    fingerprint = digest(writer.inputs_digest(), SITEMAP)
    if writer.take_over(SITEMAP, fingerprint):
        return
    site = generator.site
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in sorted(site.pages.values(), key=lambda p: p.key):
        if not page.in_sitemap:
            continue
        for lang in site.languages:
            version = page.versions[lang]
            if not version.is_translation:
                continue
            lines.append(f"  <url><loc>{escape(site.absolute(version.url))}</loc>")
            for link in site.alternates(version):
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang={quoteattr(link["hreflang"])} href={quoteattr(link["href"])}/>'
                )
            lines.append("  </url>")
    lines.append("</urlset>")
    writer.write_text(SITEMAP, "\n".join(lines) + "\n", fingerprint)
