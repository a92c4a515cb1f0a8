"""A page or news item written only in Bulgarian: an honest fallback in every other language.

In en/el/tr the page exists under the language's prefix, in that language's
interface, says that it is not translated, marks the Bulgarian text with
lang="bg", points its canonical link to the original and claims no hreflang
alternates; the sitemap and the feeds leave it out.
"""

import shutil
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import LANGUAGES, REPO, build, page_for_url, read_html
from multilingual.romanize import slugify

OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != "bg"]
LOCALES = {"bg": "bg_BG", "en": "en_GB", "el": "el_GR", "tr": "tr_TR"}
NOTICE = "This page has not been translated into English yet. The original text in Bulgarian is shown below."

PAGE_SOURCE = """\
Title: Само на български
Summary: Страница, която още не е преведена.

Този текст е написан само на български език и още не е преведен.
"""
PAGE_SLUG = "samo-na-balgarski"
PAGE_TEXT = "Този текст е написан само на български език и още не е преведен."

NEWS_SOURCE = """\
Title: Новина само на български
Date: 2026-11-20
Summary: Новина, която още не е преведена.

Тази новина е написана само на български език.
"""
NEWS_SLUG = "novina-samo-na-balgarski"
NEWS_TEXT = "Тази новина е написана само на български език."


def prefix(lang):
    return "" if lang == "bg" else f"{lang}/"


def metadata(key, lang, field):
    """Return a metadata line (Title, Slug…) of a page of the real site, or None."""
    for line in (REPO / "content" / "pages" / f"{key}.{lang}.md").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        if line.lower().startswith(f"{field}:"):
            return line.split(":", 1)[1].strip()
    return None


def title(key, lang):
    return metadata(key, lang, "title")


@cache
def gettext(lang, msgid):
    """Return the interface text the site should show in ``lang`` (the msgid if untranslated)."""
    with open(REPO / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        message = read_po(handle, locale=LOCALES[lang]).get(msgid)
    return message.string if message and message.string and not message.fuzzy else msgid


def build_with_bulgarian_only(root):
    """Add a page (in the menu) and a news item written only in Bulgarian to the copy; build it."""
    (root / "content" / "pages" / "only-bulgarian.bg.md").write_text(PAGE_SOURCE, encoding="utf-8")
    (root / "content" / "news" / "2026-11-20-only-bulgarian.bg.md").write_text(NEWS_SOURCE, encoding="utf-8")
    navigation = root / "data" / "navigation.yaml"
    text = navigation.read_text(encoding="utf-8")
    assert "      - structure\n" in text
    navigation.write_text(
        text.replace("      - structure\n", "      - structure\n      - only-bulgarian\n"), encoding="utf-8"
    )
    return build(root, root / "output")


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory):
    """The real site plus a page and a news item written only in Bulgarian, built once: the tests only read it."""
    root = tmp_path_factory.mktemp("fallback")
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    return build_with_bulgarian_only(root)


def url(kind, lang):
    """Return the site URL of the Bulgarian-only page or news item in ``lang``."""
    if kind == "page":
        return f"/{prefix(lang)}{PAGE_SLUG}/"
    news_slug = metadata("news", lang, "slug") or slugify(title("news", lang), lang)
    return f"/{prefix(lang)}{news_slug}/{NEWS_SLUG}/"


# The language versions of a page; a feed announced with hreflang has a type and is not one.
LANGUAGE_ALTERNATES = "link[rel=alternate][hreflang]:not([type])"


def page(output, address):
    path = page_for_url(output, address)
    assert path.is_file(), f"{address} was not built"
    return read_html(path)


def lang_of(element):
    """Return the language an element is in: the nearest lang attribute around it."""
    while element is not None and not element.get("lang"):
        element = element.parent
    return element.get("lang") if element is not None else None


KINDS = [("page", PAGE_TEXT), ("news", NEWS_TEXT)]
# Each fallback version: (kind, Bulgarian text, language it is shown in).
FALLBACKS = [(kind, text, lang) for kind, text in KINDS for lang in OTHER_LANGUAGES]


def test_bulgarian_original_is_a_normal_page(fallback_site):
    for kind, _text in KINDS:
        soup = page(fallback_site, url(kind, "bg"))
        assert soup.find("html")["lang"] == "bg"
        assert not soup.select(".th-notice")
        assert [link["href"] for link in soup.select("link[rel=canonical]")] == [url(kind, "bg")]


def test_fallback_exists_in_the_language_interface(fallback_site):
    for kind, _text, lang in FALLBACKS:
        soup = page(fallback_site, url(kind, lang))
        assert soup.find("html")["lang"] == lang
        # The interface around the text is the reader's: menus and footer in their language.
        menu = [a.get_text(strip=True) for a in soup.select("header a")]
        assert title("what-we-do", lang) in menu
        assert title("news", lang) in menu
        footer = {a.get_text(strip=True): a["href"] for a in soup.select("footer a[href]")}
        assert footer.get(title("accessibility", lang), "").startswith(f"/{lang}/")
        for link in soup.select("header nav a[href], footer a[href]"):
            if link.find_parent(class_="th-languages") is None:
                assert link["href"].startswith(f"/{lang}/"), (kind, lang, link)


def test_fallback_says_in_the_reader_language_that_it_is_not_translated(fallback_site):
    for kind, _text, lang in FALLBACKS:
        notices = page(fallback_site, url(kind, lang)).select(".th-notice")
        assert len(notices) == 1, (kind, lang)
        assert lang_of(notices[0]) == lang
        assert gettext(lang, NOTICE) in " ".join(notices[0].get_text(" ").split())
        assert notices[0].select(f'a[href="{url(kind, "bg")}"][hreflang=bg]')


def test_fallback_marks_the_bulgarian_text(fallback_site):
    for kind, text, lang in FALLBACKS:
        main = page(fallback_site, url(kind, lang)).find("main")
        paragraph = main.find(string=lambda string, text=text: string and text in string)
        assert paragraph is not None, (kind, lang)
        assert lang_of(paragraph.parent) == "bg"
        assert lang_of(main.find("h1")) == "bg"


def test_fallback_is_canonical_to_the_original_and_claims_no_alternates(fallback_site):
    for kind, _text, lang in FALLBACKS:
        soup = page(fallback_site, url(kind, lang))
        assert [link["href"] for link in soup.select("link[rel=canonical]")] == [url(kind, "bg")]
        assert soup.select(LANGUAGE_ALTERNATES) == [], (kind, lang)


def test_original_lists_no_fallback_as_alternate(fallback_site):
    for kind, _text in KINDS:
        soup = page(fallback_site, url(kind, "bg"))
        alternates = {link["hreflang"]: link["href"] for link in soup.select(LANGUAGE_ALTERNATES)}
        assert alternates == {"bg": url(kind, "bg"), "x-default": url(kind, "bg")}


def test_fallbacks_are_not_in_the_sitemap(fallback_site):
    root = ET.parse(Path(fallback_site) / "sitemap.xml").getroot()
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    hrefs = [link.get("href") for link in root.iter("{http://www.w3.org/1999/xhtml}link")]
    for kind, _text in KINDS:
        assert url(kind, "bg") in locations
    for kind, _text, lang in FALLBACKS:
        assert url(kind, lang) not in locations + hrefs


def test_fallback_switcher_leads_to_the_other_languages_versions(fallback_site):
    for kind, _text, lang in FALLBACKS:
        links = {a["lang"]: a["href"] for a in page(fallback_site, url(kind, lang)).select("nav.th-languages a")}
        assert links == {other: url(kind, other) for other in LANGUAGES}
        for other, href in links.items():
            assert page(fallback_site, href).find("html")["lang"] == other


def test_news_only_in_bulgarian_is_left_out_of_the_other_feeds(fallback_site):
    atom = "{http://www.w3.org/2005/Atom}"
    for lang in LANGUAGES:
        news_slug = metadata("news", lang, "slug") or slugify(title("news", lang), lang)
        feed = ET.parse(Path(fallback_site) / f"{prefix(lang)}{news_slug}.atom.xml").getroot()
        entries = feed.findall(f"{atom}entry")
        links = [entry.find(f"{atom}link").get("href") for entry in entries]
        titles = [entry.findtext(f"{atom}title") for entry in entries]
        if lang == "bg":
            assert url("news", "bg") in links
            assert "Новина само на български" in titles
        else:
            assert links, "the translated news item is still in the feed"
            assert not any(NEWS_SLUG in link for link in links), lang
            assert "Новина само на български" not in titles
