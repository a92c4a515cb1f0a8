"""A news item dated after today waits for its date in publication builds, and shows a notice in development.

The sites are the tiny site (tests/conftest.py) with one such item.
"""

from pathlib import Path

import pytest

from conftest import FIXED_TODAY, LANGUAGES, TEST_SITEURL, TINY_NEWS_TITLE, build, read_html, write_tiny_site
from multilingual.translation_status import fingerprint, with_fingerprint
from publishing.search import query_index
from site_checks import page, text_of

FUTURE = {
    "bg": "Title: Бъдеща новина за насрочено обучение\nDate: 2026-12-15\nSummary: Новина с дата след днес.\n\nТекстът на бъдещата новина: зефирквил.\n",
    "en": "Title: A future news item\nDate: 2026-12-15\nSummary: A news item dated after today.\n\nThe text of the future item: zephyrquill.\n",
    "el": "Title: Μελλοντική είδηση\nDate: 2026-12-15\nSummary: Είδηση με ημερομηνία μετά τη σημερινή.\n\nΤο κείμενο της μελλοντικής είδησης: ζεφυρκουίλ.\n",
    "tr": "Title: Gelecek tarihli haber\nDate: 2026-12-15\nSummary: Bugünden sonraki bir tarihte haber.\n\nGelecek tarihli haberin metni: zefirkuil.\n",
}
TITLES = {lang: text.split("\n", 1)[0].removeprefix("Title: ") for lang, text in FUTURE.items()}
# A word found nowhere else on the site, to look for in the search index.
UNIQUE_WORD = {"bg": "зефирквил", "en": "zephyrquill", "el": "ζεφυρκουίλ", "tr": "zefirkuil"}


def copy_with_future_news(root):
    """The tiny site with one news item dated after FIXED_TODAY, in four languages."""
    write_tiny_site(root)
    (root / "content/news/2026-12-15-future.bg.md").write_text(FUTURE["bg"], encoding="utf-8")
    # The translations are made from the current Bulgarian text: the strict publication build needs that.
    mark = fingerprint(FUTURE["bg"])
    for lang in ("en", "el", "tr"):
        (root / f"content/news/2026-12-15-future.{lang}.md").write_text(
            with_fingerprint(FUTURE[lang], mark), encoding="utf-8"
        )
    return root


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = copy_with_future_news(tmp_path_factory.mktemp("scheduled-published"))
    return build(root, root / "output", settings_file="publishconf.py")


@pytest.fixture(scope="module")
def development(tmp_path_factory):
    root = copy_with_future_news(tmp_path_factory.mktemp("scheduled-development"))
    return build(root, root / "output")


def files_mentioning(output, text):
    return [
        path
        for path in sorted(Path(output).rglob("*"))
        if path.is_file()
        and path.suffix in (".html", ".xml", ".json")
        and text in path.read_text(encoding="utf-8", errors="replace")
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_publication_leaves_a_future_item_out_everywhere(published, lang):
    # No page, no entry on the news list or home, no feed entry, no sitemap URL.
    assert files_mentioning(published, TITLES[lang]) == []
    assert files_mentioning(published, "2026-12-15-future") == []
    assert not list(Path(published).rglob("*buden*")) and not list(Path(published).rglob("*future*"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_publication_search_index_does_not_find_a_future_item(published, lang):
    term = UNIQUE_WORD[lang]
    assert query_index(str(published), lang, [term])[term] == []


def test_publication_keeps_the_items_of_today_and_before(published):
    news = read_html(published / "novini" / "index.html")
    assert TINY_NEWS_TITLE["bg"] in text_of(news.find("main"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_development_shows_a_future_item_with_a_notice(development, lang):
    notice = page(development, lang, TITLES[lang]).select_one(".th-notice--scheduled")
    assert notice is not None
    assert {"bg": "15 декември 2026 г.", "en": "15 December 2026", "el": "15 Δεκεμβρίου 2026", "tr": "15 Aralık 2026"}[
        lang
    ] in text_of(notice)


def test_an_item_dated_today_is_published(tmp_path):
    root = copy_with_future_news(tmp_path)
    output = build(
        root, root / "output", settings_file="publishconf.py", SITE_TODAY=FIXED_TODAY.replace(day=15, month=12)
    )
    assert page(output, "en", TITLES["en"]).select_one(".th-notice--scheduled") is None
    # Feeds are named after their page in the reader's language; the tiny site's news page is only in Bulgarian.
    feed = (output / "en/novini.atom.xml").read_text(encoding="utf-8")
    assert TITLES["en"] in feed and TEST_SITEURL in feed
    assert [hit["title"] for hit in query_index(str(output), "en", ["zephyrquill"])["zephyrquill"]] == [TITLES["en"]]
