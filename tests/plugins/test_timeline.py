"""The cross-border timeline: its page, its place on other pages, its dates, and editors' mistakes."""

import pytest

from conftest import LANGUAGES, build, read_html
from site_checks import append, failed_build, href_path, line_of, page, replace, text_of
from site_data import PartialDate
from timeline.generator import sorted_events

TIMELINE = {
    "bg": "Хронология на трансграничното сътрудничество",
    "en": "Cross-border cooperation timeline",
    "el": "Χρονολόγιο διασυνοριακής συνεργασίας",
    "tr": "Sınır ötesi iş birliği kronolojisi",
}
CROSS_BORDER = {
    "bg": "Трансгранично сътрудничество",
    "en": "Cross-border cooperation",
    "el": "Διασυνοριακή συνεργασία",
    "tr": "Sınır ötesi iş birliği",
}
HOME = {
    "bg": "Регионална асоциация на общини „Тракия“",
    "en": "Regional Association of Municipalities “Thrace”",
    "el": "Περιφερειακή Ένωση Δήμων «Θράκη»",
    "tr": "“Trakya” Bölgesel Belediyeler Birliği",
}
DOCUMENTS = {"bg": "Документи", "en": "Documents", "el": "Έγγραφα", "tr": "Belgeler"}
THE_DAY = {"bg": "10 декември 2005 г.", "en": "10 December 2005", "el": "10 Δεκεμβρίου 2005", "tr": "10 Aralık 2005"}
TRAKYAKENT = {
    "bg": "Сдружение на общините „ТРАКИЯКЕНТ“",
    "en": "Union of Municipalities “TRAKYAKENT”",
    "el": "Ένωση Δήμων «TRAKYAKENT»",
    "tr": "“TRAKYAKENT” Belediyeler Birliği",
}
POLIS = {
    "bg": "Мрежа на общини от Източна и Западна Тракия „Полис“",
    "en": "“Polis” Network of Municipalities of Eastern and Western Thrace",
    "el": "Δίκτυο Δήμων Ανατολικής και Δυτικής Θράκης «Πόλις»",
    "tr": "Doğu ve Batı Trakya Belediyeler Ağı “Polis”",
}
XANTHI = {"bg": "Ксанти, Гърция", "en": "Xanthi, Greece", "el": "Ξάνθη, Ελλάδα", "tr": "İskeçe, Yunanistan"}
EUROREGION = {
    "bg": "Еврорегион Тракия",
    "en": "Euroregion Thrace",
    "el": "Ευρωπεριφέρειας Θράκης",
    "tr": "Trakya Avrupa Bölgesi",
}


def events(soup):
    """Return the events of the first timeline on a page."""
    return soup.select_one("ol.th-timeline").find_all("li", recursive=False)


def datetimes(soup):
    return [event.find("time")["datetime"] for event in events(soup)]


# Ordering: a pure helper -------------------------------------------------------------------


def test_a_year_comes_before_the_months_and_days_in_it():
    raw = [
        ("day", PartialDate(2005, 12, 10)),
        ("next-year", PartialDate(2006)),
        ("year", PartialDate(2005)),
        ("month", PartialDate(2005, 12)),
        ("earlier-month", PartialDate(2005, 3)),
        ("2004", PartialDate(2004)),
    ]
    ordered = sorted_events([{"id": key, "date": date} for key, date in raw])
    assert [event["id"] for event in ordered] == ["2004", "year", "earlier-month", "month", "day", "next-year"]


# The real site, in every language -------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_timeline_page_lists_the_events_in_date_order(real_site, lang):
    soup = page(real_site, lang, TIMELINE[lang])
    timeline = soup.select_one("main ol.th-timeline")
    assert timeline is not None, "the timeline is an ordered list"
    assert datetimes(soup) == ["2002", "2004", "2005-12-10"]
    assert [text_of(event.find("time")) for event in events(soup)] == [
        "2002" if lang != "bg" else "2002 г.",
        "2004" if lang != "bg" else "2004 г.",
        THE_DAY[lang],
    ]
    assert [event.find("h2") is not None for event in events(soup)] == [True] * 3
    assert not soup.select("main [style]"), "the timeline must be readable without inline styles"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_events_name_partners_place_and_the_euroregion_in_the_reader_language(real_site, lang):
    first, second, third = events(page(real_site, lang, TIMELINE[lang]))
    assert [text_of(dd) for dd in first.select("dl dd")][0] == TRAKYAKENT[lang]
    assert [text_of(dd) for dd in second.select("dl dd")][0] == POLIS[lang]
    assert [text_of(dd) for dd in third.select("dl dd")][:2] == [TRAKYAKENT[lang], POLIS[lang]]
    assert text_of(third.select_one(".th-timeline__place")) == XANTHI[lang]
    assert EUROREGION[lang] in text_of(third)
    assert not third.select("[lang]"), "every text of the event is written in the page's language"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_events_link_to_their_documents(real_site, lang):
    for event in events(page(real_site, lang, TIMELINE[lang])):
        links = event.select("dl a")
        assert len(links) == 1
        target, fragment = href_path(real_site, links[0]["href"])
        documents = read_html(target)
        assert text_of(documents.find("h1")) == DOCUMENTS[lang]
        entry = documents.find(id=fragment)
        assert entry is not None, f"{links[0]['href']} leads to no document"
        assert text_of(entry.find("h2")) == text_of(links[0])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cross_border_page_links_every_event_and_repeats_nothing(real_site, lang):
    soup = page(real_site, lang, CROSS_BORDER[lang])
    section = soup.select_one("main section[aria-labelledby=timeline]")
    assert text_of(section.find("h2")) == TIMELINE[lang]
    assert datetimes(section) == ["2002", "2004", "2005-12-10"]
    assert all("#event-" in event.find("h3").find("a")["href"] for event in events(section)), (
        "each event links to the timeline"
    )
    assert text_of(soup.select_one("main .th-prose")).startswith(("РАО", "RAM", "Η ΠΕΔ", "“Trakya”"))
    # The page's text tells the events; the related documents list the documents: each once.
    assert not section.select(".th-timeline__text, .th-timeline__details")
    links = [a["href"] for a in soup.select("main a[href*='#document-']")]
    assert links and len(links) == len(set(links))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_teases_the_latest_events_newest_first(real_site, lang):
    soup = page(real_site, lang, HOME[lang])
    section = soup.select_one("section[aria-labelledby=timeline-teaser]")
    assert datetimes(section) == ["2005-12-10", "2004", "2002"]
    timeline_page = page(real_site, lang, TIMELINE[lang])
    links = {href_path(real_site, a["href"])[0] for a in section.find_all("a")}
    assert links == {href_path(real_site, timeline_page.find("link", rel="canonical")["href"])[0]}
    assert text_of(section.find_all("a")[-1]) != TIMELINE[lang], "the last link says it leads to the whole timeline"


# Changed data, built in a copy of the site -----------------------------------------------------

MORE_EVENTS = """- id: a-month
  date: 2005-12
  title: {bg: Събитие през месеца, en: An event in the month}
  text: {bg: Текст., en: Text.}
- id: a-year
  date: 2005
  title: {bg: Събитие през годината, en: An event in the year}
  text: {bg: Текст., en: Text.}
"""


def test_dates_of_every_precision_sort_and_read_correctly(site_copy):
    append(site_copy, "data/timeline.yaml", MORE_EVENTS)
    output = build(site_copy, site_copy / "output")
    months = {"bg": "декември 2005 г.", "en": "December 2005", "el": "Δεκέμβριος 2005", "tr": "Aralık 2005"}
    for lang in LANGUAGES:
        soup = page(output, lang, TIMELINE[lang])
        assert datetimes(soup) == ["2002", "2004", "2005", "2005-12", "2005-12-10"]
        assert text_of(events(soup)[3].find("time")) == months[lang]
        assert text_of(events(soup)[4].find("time")) == THE_DAY[lang]
        teaser = page(output, lang, HOME[lang]).select_one("section[aria-labelledby=timeline-teaser]")
        assert datetimes(teaser) == ["2005-12-10", "2005-12", "2005"], "only the latest three, newest first"
    el_title = events(page(output, "el", TIMELINE["el"]))[3].find("h2")
    assert el_title.find("span", lang="bg") is not None, "an untranslated title is marked as Bulgarian"


def test_home_teaser_count_is_a_setting(site_copy):
    output = build(site_copy, site_copy / "output", TIMELINE_HOME_COUNT=0)
    assert page(output, "en", HOME["en"]).select_one("section[aria-labelledby=timeline-teaser]") is None


def test_an_unknown_setting_names_the_plugin_and_the_key(site_copy):
    with pytest.raises(Exception, match="timeline: unknown setting TIMELINE_HOME_LIMIT"):
        build(site_copy, site_copy / "output", TIMELINE_HOME_LIMIT=2)
    with pytest.raises(Exception, match="timeline: TIMELINE_HOME_COUNT must be a int"):
        build(site_copy, site_copy / "output", TIMELINE_HOME_COUNT="3")


# Editors' mistakes -------------------------------------------------------------------------------


def test_unknown_partner_lists_the_partners(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(site_copy, "data/timeline.yaml", "partners: [polis]", "partners: [polys]")
    message = rebuild()
    assert (
        f"data/timeline.yaml:{line_of(path, 'partners: [polys]')}: 'partners item' is 'polys', which is not a known partners id"
        in message
    )
    assert "write one of: polis, trakyakent" in message


def test_impossible_date(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(site_copy, "data/timeline.yaml", "date: 2005-12-10", "date: 2005-13-10")
    message = rebuild()
    assert f"data/timeline.yaml:{line_of(path, '2005-13-10')}: 'date' '2005-13-10' is not a valid date" in message
    assert "the year (2002), the month (2004-05) or the day (2005-12-10)" in message


def test_missing_bulgarian_text(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(site_copy, "data/timeline.yaml", "    bg: Тристранен протокол за сътрудничество\n", "")
    message = rebuild()
    line = line_of(path, "    en: Trilateral cooperation protocol")  # the first line of the texts
    assert f"data/timeline.yaml:{line}: 'title' has no Bulgarian text (bg)" in message
    assert "add 'bg: …' under 'title:'" in message


def test_unknown_document(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(
        site_copy, "data/timeline.yaml", "documents: [protocol-polis-2004]", "documents: [protocol-polis-2005]"
    )
    message = rebuild()
    assert (
        f"data/timeline.yaml:{line_of(path, 'protocol-polis-2005')}: 'documents item' is 'protocol-polis-2005', which is not a known documents id"
        in message
    )
    assert (
        "write one of: one-stop-shop-brochure, protocol-polis-2004, protocol-trakyakent-2002, protocol-trilateral-2005"
        in message
    )


def test_duplicate_event_id(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(site_copy, "data/timeline.yaml", "- id: polis-protocol-2004", "- id: trakyakent-protocol-2002")
    message = rebuild()
    first, second = line_of(path, "- id: trakyakent-protocol-2002"), line_of(path, "date: 2004") - 1
    assert (
        f"data/timeline.yaml:{second}: the id 'trakyakent-protocol-2002' is used twice (first on line {first})"
        in message
    )


def test_missing_timeline_page(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    for lang in LANGUAGES:
        (site_copy / f"content/pages/timeline.{lang}.md").unlink()
    replace(site_copy, "data/navigation.yaml", "      - timeline\n", "")
    message = rebuild()
    assert "content/pages/timeline.bg.md:1: there is no timeline page" in message
    assert "Template: timeline" in message


def test_untranslated_page_shows_the_timeline_in_the_reader_language(site_copy):
    (site_copy / "content/pages/timeline.el.md").unlink()
    output = build(site_copy, site_copy / "output")
    soup = page(output, "el", TIMELINE["bg"])
    assert soup.find("article")["lang"] == "bg", "the page's own text is the Bulgarian original"
    timeline = soup.select_one("main ol.th-timeline")
    assert timeline["lang"] == "el", "the events are in Greek, and say so"
    assert text_of(events(soup)[2].find("time")) == THE_DAY["el"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_timeline_is_in_the_menu_after_cross_border_cooperation(real_site, lang):
    soup = page(real_site, lang, TIMELINE[lang])
    children = [text_of(a) for a in soup.select(".th-section-nav a")]
    assert children[children.index(CROSS_BORDER[lang]) + 1] == TIMELINE[lang]
    assert [text_of(a) for a in soup.select(".th-section-nav a[aria-current=page]")] == [TIMELINE[lang]]
