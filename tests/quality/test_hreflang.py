"""hreflang over the published site, checked the way independent hreflang validators check it.

The rules are Google's, from "Tell Google about localized versions of your page"
(Google Search Central, developers.google.com/search/docs/specialty/international/localized-versions),
and what validators built on them (hreflang checkers, site crawlers) report:

1. A value is ``x-default`` or an ISO 639-1 language, optionally with an ISO 15924 script
   and an ISO 3166-1 alpha-2 region (``en-GB``, never ``en-UK``; ``el``, never ``gr``).
2. Alternate URLs are fully qualified, with their scheme.
3. Each language is listed once, and so is ``x-default``.
4. A page lists itself, under the language of its ``<html lang>``.
5. Every alternate, ``x-default`` included, answers 200 without a redirect with an HTML
   page of the site, in the language its hreflang says, and not ``noindex``.
6. Return links: every page a cluster names lists exactly the same cluster back.
7. A page with alternates has one canonical link, to itself (a canonical to another URL
   voids its hreflang); a page without any has its canonical, if it has one, in the
   language of its text, never in another.
8. hreflang is only on ``<link rel="alternate">`` to pages: a feed or calendar
   (``type=…``) carries none, since it cannot list the page back.
9. sitemap.xml: every ``<url>`` lists the same alternates as the page's ``<head>``, each
   alternate has its own ``<url>``, and every page with alternates is there.

tests/quality/test_links_and_alternates.py follows the links; here each rule is
checked against the pages as a crawler fetches them, over HTTP from a local server
of the built folder. Each check is a function of a folder, so the negative tests
below can feed it deliberately broken sites.
"""

import http.client
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from babel import Locale

from .built_pages import SITEURL, BuiltPages, page, write

# Language, script and region codes as CLDR names them (ISO 639-1, ISO 15924, ISO 3166-1).
CLDR = Locale("en")
LANGUAGES = {code for code in CLDR.languages if re.fullmatch(r"[a-z]{2}", code)}
SCRIPTS = {code.lower() for code in CLDR.scripts if re.fullmatch(r"[A-Za-z]{4}", code)}
REGIONS = {code.lower() for code in CLDR.territories if re.fullmatch(r"[A-Z]{2}", code)}
X_DEFAULT = "x-default"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def valid_hreflang(value):
    """Return True if ``value`` is x-default or language[-script][-region] in ISO codes."""
    if value.lower() == X_DEFAULT:
        return True
    language, *rest = value.lower().split("-")
    if language not in LANGUAGES or len(rest) > 2:
        return False
    if rest and len(rest[0]) == 4:
        if rest.pop(0) not in SCRIPTS:
            return False
    return len(rest) == 0 or (len(rest) == 1 and rest[0] in REGIONS)


class Crawler:
    """Fetch this site's URLs from a server of its folder, as a validator would: no redirect followed."""

    def __init__(self, siteurl, server):
        self.siteurl = siteurl
        self.server = urlsplit(server)
        self.answers = {}

    def fetch(self, url):
        """Return (status, content type, Location) of a GET of ``url``, or None for another site's URL."""
        if not url.startswith(self.siteurl + "/"):
            return None
        if url not in self.answers:
            connection = http.client.HTTPConnection(self.server.hostname, self.server.port, timeout=10)
            try:
                connection.request("GET", urlsplit(url).path or "/")
                response = connection.getresponse()
                response.read()
                self.answers[url] = (
                    response.status,
                    response.getheader("Content-Type", ""),
                    response.getheader("Location"),
                )
            finally:
                connection.close()
        return self.answers[url]


def head_links(pages, path):
    """Return every <link> of a page's <head> that has an hreflang."""
    return pages.tree(path).xpath("//head/link[@hreflang]")


def cluster(pages, path):
    """Return {hreflang (lower case): href} of a page's alternates."""
    return {
        link.get("hreflang").lower(): link.get("href")
        for link in head_links(pages, path)
        if link.get("rel", "").split() == ["alternate"] and not link.get("type")
    }


def noindex(pages, path):
    """Return True if the page asks search engines not to index it."""
    robots = pages.tree(path).xpath("//head/meta[@name='robots']/@content")
    return any("noindex" in value.lower() for value in robots)


def text_lang(pages, path):
    """Return the language of the page's text: the lang of its <main> or of the <article> in it, else <html lang>."""
    marked = pages.tree(path).xpath("//main[@lang]/@lang | //main//article[@lang]/@lang")
    return (marked[0] if marked else pages.lang(path) or "").lower()


def page_findings(pages, crawler, path):
    """Return what validators report about one page's hreflang links and canonical link (rules 1–8)."""
    here, lang = pages.url_of(path), (pages.lang(path) or "").lower()
    findings = []
    links = head_links(pages, path)
    for link in links:
        value, href = link.get("hreflang"), link.get("href", "")
        if link.get("rel", "").split() != ["alternate"] or link.get("type"):
            findings.append(
                f"{here}: hreflang {value!r} on a link that is not to an alternate page "
                f"(rel={link.get('rel')!r}, type={link.get('type')!r}): {href}"
            )
        if not valid_hreflang(value):
            findings.append(f"{here}: {value!r} is not an ISO 639-1 language (with an ISO 3166-1 region) nor x-default")
        if not re.match(r"^https?://", href):
            findings.append(f"{here}: the {value} alternate {href!r} is not a fully qualified URL")
    alternates = [link for link in links if link.get("rel", "").split() == ["alternate"] and not link.get("type")]
    canonical = pages.tree(path).xpath("//head/link[@rel='canonical']/@href")
    if not alternates:
        return findings + canonical_findings(pages, crawler, path, canonical)
    values = [link.get("hreflang").lower() for link in alternates]
    for value in sorted({value for value in values if values.count(value) > 1}):
        findings.append(f"{here}: hreflang {value!r} is listed {values.count(value)} times")
    links = cluster(pages, path)
    if links.get(lang) != here:
        findings.append(f"{here}: does not list itself as '{lang}' (lists {links.get(lang)})")
    if X_DEFAULT not in links:
        findings.append(f"{here}: has no x-default")
    if canonical != [here]:
        findings.append(f"{here}: has alternates, but its canonical link is {canonical}, not itself")
    if noindex(pages, path):
        findings.append(f"{here}: has alternates, but is noindex")
    for value, href in sorted(links.items()):
        answer = crawler.fetch(href)
        if answer is None:
            findings.append(f"{here}: the {value} alternate {href} is not a page of this site")
            continue
        status, content_type, location = answer
        if status != 200:
            findings.append(
                f"{here}: the {value} alternate {href} answers {status}"
                + (f", redirecting to {location}" if location else "")
            )
            continue
        if not content_type.startswith("text/html"):
            findings.append(f"{here}: the {value} alternate {href} is {content_type}, not a page")
            continue
        target = pages.file_for(href)
        if value != X_DEFAULT and (pages.lang(target) or "").lower().split("-")[0] != value.split("-")[0]:
            findings.append(f"{here}: the {value} alternate {href} is a page in '{pages.lang(target)}'")
        if noindex(pages, target):
            findings.append(f"{here}: the {value} alternate {href} is noindex")
        if target != path and cluster(pages, target) != links:
            findings.append(
                f"{here}: its {value} alternate {href} does not list the same alternates back "
                f"(lists {cluster(pages, target)})"
            )
    return findings


def canonical_findings(pages, crawler, path, canonical):
    """Return what is wrong with the canonical link of a page without alternates (a fallback page)."""
    here = pages.url_of(path)
    if not canonical or canonical == [here]:
        return []
    if len(canonical) > 1:
        return [f"{here}: has {len(canonical)} canonical links"]
    answer = crawler.fetch(canonical[0])
    if answer is None or answer[0] != 200:
        return [f"{here}: its canonical {canonical[0]} is not a page of this site that answers 200 ({answer})"]
    target = pages.file_for(canonical[0])
    if pages.tree(target).xpath("//head/link[@rel='canonical']/@href") != [canonical[0]]:
        return [f"{here}: its canonical {canonical[0]} is not canonical itself"]
    if text_lang(pages, target) != text_lang(pages, path):
        return [
            f"{here}: its canonical {canonical[0]} is a page in '{text_lang(pages, target)}', "
            f"its text is in '{text_lang(pages, path)}'"
        ]
    return []


def sitemap_findings(pages, sitemap):
    """Return where sitemap.xml and the pages' <head> disagree on alternates (rule 9)."""
    findings = []
    root = ET.parse(sitemap).getroot()
    listed = {}
    for entry in root.findall(f"{SITEMAP}url"):
        loc = entry.findtext(f"{SITEMAP}loc", "").strip()
        links = entry.findall(f"{XHTML}link")
        listed[loc] = {link.get("hreflang").lower(): link.get("href") for link in links}
        if len(listed[loc]) != len(links):
            findings.append(f"sitemap.xml: {loc} lists an hreflang twice")
    for loc, links in listed.items():
        target = pages.file_for(loc)
        if target is None or not target.is_file():
            findings.append(f"sitemap.xml: {loc} is not a page of the site")
            continue
        if links != cluster(pages, target):
            findings.append(f"sitemap.xml: {loc} lists {links}, its <head> {cluster(pages, target)}")
        for value, href in sorted(links.items()):
            if href not in listed:
                findings.append(f"sitemap.xml: the {value} alternate {href} of {loc} has no <url> of its own")
    for path in pages.files:
        if cluster(pages, path) and pages.url_of(path) not in listed:
            findings.append(f"sitemap.xml: {pages.url_of(path)} has alternates in its <head> but is not listed")
    return findings


def hreflang_findings(output, siteurl, server):
    """Return every hreflang finding of a built folder served at ``server`` as ``siteurl``."""
    pages = BuiltPages(output, siteurl)
    crawler = Crawler(siteurl, server)
    findings = [finding for path in pages.files for finding in page_findings(pages, crawler, path)]
    return findings + sitemap_findings(pages, pages.output / "sitemap.xml")


# The published site ----------------------------------------------------------------------------


def test_the_published_site_has_no_hreflang_finding(published, serve):
    pages = BuiltPages(published.output, published.siteurl)
    homes = [
        published.output / ("" if lang == published.default_lang else lang) / "index.html"
        for lang in published.languages
    ]
    for home in homes:  # so that a site without hreflang cannot pass
        assert set(cluster(pages, home)) == {*published.languages, X_DEFAULT}, home
    findings = hreflang_findings(published.output, published.siteurl, serve(published.output))
    assert findings == [], f"{len(findings)} hreflang finding(s):\n" + "\n".join(findings)


def test_a_site_with_fallback_pages_has_no_hreflang_finding(with_fallback, serve):
    findings = hreflang_findings(with_fallback.output, with_fallback.siteurl, serve(with_fallback.output))
    assert findings == [], "\n".join(findings)


# Each rule reports a broken site --------------------------------------------------------------


def links(*pairs, extra=""):
    """Return hreflang links for (hreflang, path under SITEURL) pairs, with ``extra`` attributes."""
    return "".join(f'<link rel="alternate" hreflang="{value}" href="{SITEURL}/{path}"{extra}>' for value, path in pairs)


def canonical(path):
    return f'<link rel="canonical" href="{SITEURL}/{path}">'


def sitemap(*entries):
    """Return a sitemap.xml of (loc path, [(hreflang, path)]) entries."""
    body = "".join(
        f"<url><loc>{SITEURL}/{loc}</loc>"
        + "".join(f'<xhtml:link rel="alternate" hreflang="{value}" href="{SITEURL}/{path}"/>' for value, path in pairs)
        + "</url>"
        for loc, pairs in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:xhtml="http://www.w3.org/1999/xhtml">{body}</urlset>'
    )


def absolute(pairs):
    """Return (hreflang, URL) pairs for (hreflang, path under SITEURL) pairs."""
    return [(value, f"{SITEURL}/{path}") for value, path in pairs]


GOOD = (("bg", ""), ("en", "en/"), ("x-default", ""))


def test_a_well_formed_pair_has_no_finding(tmp_path, serve):
    write(tmp_path, "index.html", page("bg", canonical("") + links(*GOOD)))
    write(tmp_path, "en/index.html", page("en", canonical("en/") + links(*GOOD)))
    write(tmp_path, "sitemap.xml", sitemap(("", GOOD), ("en/", GOOD)))
    assert hreflang_findings(tmp_path, SITEURL, serve(tmp_path)) == []


def test_codes_urls_duplicates_feeds_and_canonicals_are_reported(tmp_path, serve):
    feed = '<link rel="alternate" type="application/atom+xml" hreflang="bg" href="' + SITEURL + '/feed.xml">'
    write(
        tmp_path,
        "index.html",
        page(
            "bg",
            canonical("en/")
            + links(*GOOD)
            + links(("gr", "el/"), ("en-UK", "en/"), ("bg", "bg/"))
            + feed
            + '<link rel="alternate" hreflang="en" href="/en/">',
        ),
    )
    write(tmp_path, "feed.xml", "<feed/>")
    write(tmp_path, "sitemap.xml", sitemap())
    findings = [f for f in hreflang_findings(tmp_path, SITEURL, serve(tmp_path)) if f.startswith(f"{SITEURL}/: ")]
    here = f"{SITEURL}/: "
    for expected in (
        "'gr' is not an ISO 639-1 language (with an ISO 3166-1 region) nor x-default",
        "'en-UK' is not an ISO 639-1 language (with an ISO 3166-1 region) nor x-default",
        f"hreflang 'bg' on a link that is not to an alternate page (rel='alternate', type='application/atom+xml'): {SITEURL}/feed.xml",
        "the en alternate '/en/' is not a fully qualified URL",
        "hreflang 'bg' is listed 2 times",
        "hreflang 'en' is listed 2 times",
        f"has alternates, but its canonical link is ['{SITEURL}/en/'], not itself",
    ):
        assert here + expected in findings, findings


def test_missing_pages_redirects_return_links_and_noindex_are_reported(tmp_path, serve):
    write(
        tmp_path,
        "index.html",
        page(
            "bg", canonical("") + links(("bg", ""), ("en", "en/"), ("el", "el"), ("tr", "tr/"), ("x-default", "gone/"))
        ),
    )
    write(tmp_path, "en/index.html", page("en", canonical("en/") + links(("en", "en/"), ("x-default", "en/"))))
    write(tmp_path, "el/index.html", page("el", canonical("el/")))
    write(
        tmp_path,
        "tr/index.html",
        page(
            "en",
            '<meta name="robots" content="noindex">'
            + canonical("tr/")
            + links(("bg", ""), ("en", "en/"), ("el", "el"), ("tr", "tr/"), ("x-default", "gone/")),
        ),
    )
    write(tmp_path, "sitemap.xml", sitemap())
    findings = hreflang_findings(tmp_path, SITEURL, serve(tmp_path))
    here = f"{SITEURL}/: "
    for expected in (
        f"the el alternate {SITEURL}/el answers 301, redirecting to /el/",
        f"the x-default alternate {SITEURL}/gone/ answers 404",
        f"its en alternate {SITEURL}/en/ does not list the same alternates back (lists {{'en': '{SITEURL}/en/', 'x-default': '{SITEURL}/en/'}})",
        f"the tr alternate {SITEURL}/tr/ is a page in 'en'",
        f"the tr alternate {SITEURL}/tr/ is noindex",
    ):
        assert here + expected in findings, findings
    assert f"{SITEURL}/en/: does not list itself as 'en' (lists None)" not in findings
    assert f"{SITEURL}/tr/: does not list itself as 'en' (lists {SITEURL}/en/)" in findings
    assert f"{SITEURL}/tr/: has alternates, but is noindex" in findings
    assert f"{SITEURL}/en/: has no x-default" not in findings


def test_a_fallback_canonical_in_another_language_is_reported(tmp_path, serve):
    # A fallback page: the interface in Turkish, the text in Bulgarian; its canonical is the Bulgarian original.
    write(tmp_path, "index.html", page("bg", canonical("")))
    text = '<main><article lang="bg">Текст</article></main>'
    write(tmp_path, "tr/good/index.html", page("tr", canonical(""), text))
    write(tmp_path, "tr/bad/index.html", page("tr", canonical("en/"), text))
    write(tmp_path, "tr/gone/index.html", page("tr", canonical("gone/"), text))
    write(tmp_path, "en/index.html", page("en", canonical("en/")))
    write(tmp_path, "sitemap.xml", sitemap())
    assert hreflang_findings(tmp_path, SITEURL, serve(tmp_path)) == [
        f"{SITEURL}/tr/bad/: its canonical {SITEURL}/en/ is a page in 'en', its text is in 'bg'",
        f"{SITEURL}/tr/gone/: its canonical {SITEURL}/gone/ is not a page of this site that answers 200 "
        "((404, 'text/html;charset=utf-8', None))",
    ]


def test_a_sitemap_that_disagrees_with_the_pages_is_reported(tmp_path, serve):
    three = (("bg", ""), ("en", "en/"), ("el", "el/"), ("x-default", ""))
    for lang, path in three[:3]:
        write(tmp_path, f"{path}index.html", page(lang, canonical(path) + links(*three)))
    write(tmp_path, "sitemap.xml", sitemap(("", GOOD), ("en/", three), ("missing/", ())))
    assert sorted(sitemap_findings(BuiltPages(tmp_path, SITEURL), tmp_path / "sitemap.xml")) == sorted(
        [
            f"sitemap.xml: {SITEURL}/ lists {dict(absolute(GOOD))}, its <head> {dict(absolute(three))}",
            f"sitemap.xml: the el alternate {SITEURL}/el/ of {SITEURL}/en/ has no <url> of its own",
            f"sitemap.xml: {SITEURL}/missing/ is not a page of the site",
            f"sitemap.xml: {SITEURL}/el/ has alternates in its <head> but is not listed",
        ]
    )


def test_language_codes_follow_iso_639_1_and_3166_1():
    assert all(map(valid_hreflang, ["bg", "en", "el", "tr", "en-GB", "EN-gb", "zh-Hant", "zh-Hant-TW", "x-default"]))
    assert not any(map(valid_hreflang, ["gr", "en-UK", "eng", "bg_BG", "en-GB-x", "zh-Hanx", ""]))
