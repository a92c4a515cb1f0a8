"""The documents page, its pages per kind, links from other pages, and editors' mistakes."""

from urllib.parse import quote

import pytest
import yaml
from PIL import Image

from conftest import LANGUAGES, REPO, build
from images_fixtures import scanned_pdf, text_pdf
from site_build import check_site
from site_checks import append, failed_build, href_path, line_of, page, page_path, replace, text_of

DOCUMENTS = {"bg": "Документи", "en": "Documents", "el": "Έγγραφα", "tr": "Belgeler"}
PROTOCOLS = {"bg": "Протоколи", "en": "Protocols", "el": "Πρωτόκολλα", "tr": "Protokoller"}
BROCHURES = {"bg": "Брошури", "en": "Brochures", "el": "Φυλλάδια", "tr": "Broşürler"}
CIVIC = {
    "bg": "Гражданско участие",
    "en": "Civic participation",
    "el": "Συμμετοχή των πολιτών",
    "tr": "Vatandaş katılımı",
}
CROSS_BORDER = {
    "bg": "Трансгранично сътрудничество",
    "en": "Cross-border cooperation",
    "el": "Διασυνοριακή συνεργασία",
    "tr": "Sınır ötesi iş birliği",
}
NEWEST_FIRST = ["protocol-trilateral-2005", "protocol-polis-2004", "protocol-trakyakent-2002", "one-stop-shop-brochure"]


def titles():
    """Return {document id: {lang: title}} from the real data file."""
    return {
        entry["id"]: entry["title"]
        for entry in yaml.safe_load((REPO / "data/documents.yaml").read_text(encoding="utf-8"))
    }


def entries(soup):
    return soup.select("main .th-documents > li")


def filters(soup):
    return [(text_of(a), a.get("aria-current")) for a in soup.select("main nav.th-filter a")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_documents_page_lists_every_document_newest_first(real_site, lang):
    soup = page(real_site, lang, DOCUMENTS[lang])
    assert [entry["id"] for entry in entries(soup)] == [f"document-{key}" for key in NEWEST_FIRST]
    names = titles()
    assert [text_of(entry.find("h2")) for entry in entries(soup)] == [names[key][lang] for key in NEWEST_FIRST]
    dates = [entry.find("time")["datetime"] if entry.find("time") else None for entry in entries(soup)]
    assert dates == ["2005-12-10", "2004", "2002", None], "the brochure has no date in the association's text"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_documents_without_a_file_say_so_and_promise_nothing(real_site, lang):
    soup = page(real_site, lang, DOCUMENTS[lang])
    for entry in entries(soup):
        assert entry.select_one(".th-documents__file--absent") is not None
        assert entry.find("h2").find("a") is None, "there is no file to link to"
        assert entry.select_one(".th-documents__request") is None, "there is no contact to ask yet"
    if lang == "en":
        assert text_of(entries(soup)[0].select_one(".th-documents__file")) == "The file is not on this site."


@pytest.mark.parametrize(("lang", "joined"), [("bg", " и "), ("en", " and "), ("el", " και "), ("tr", " ve ")])
def test_partners_are_joined_as_the_language_joins_a_list(real_site, lang, joined):
    soup = page(real_site, lang, DOCUMENTS[lang])
    [trilateral] = [entry for entry in entries(soup) if entry["id"] == "document-protocol-trilateral-2005"]
    [partners] = [p for p in trilateral.find_all("p") if joined in text_of(p)]
    # A ";" is the question mark in Greek.
    assert ";" not in text_of(partners)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_per_kind_with_links_between_them(real_site, lang):
    everything = page(real_site, lang, DOCUMENTS[lang])
    protocols = page(real_site, lang, PROTOCOLS[lang])
    brochures = page(real_site, lang, BROCHURES[lang])
    assert [entry["id"] for entry in entries(protocols)] == [f"document-{key}" for key in NEWEST_FIRST[:3]]
    assert [entry["id"] for entry in entries(brochures)] == ["document-one-stop-shop-brochure"]
    links = everything.select("main nav.th-filter a")
    assert [a.get("aria-current") for a in links] == ["page", None, None]
    assert [text_of(a) for a in links][1:] == [f"{PROTOCOLS[lang]} (3)", f"{BROCHURES[lang]} (1)"]
    assert [a.get("aria-current") for a in protocols.select("main nav.th-filter a")] == [None, "page", None]
    assert [a.get("aria-current") for a in brochures.select("main nav.th-filter a")] == [None, None, "page"]
    # The links lead to those pages, and the kind pages live under the documents page.
    assert href_path(real_site, links[1]["href"])[0] == page_path(real_site, lang, PROTOCOLS[lang])
    assert href_path(real_site, links[2]["href"])[0] == page_path(real_site, lang, BROCHURES[lang])
    base = page_path(real_site, lang, DOCUMENTS[lang]).parent
    assert page_path(real_site, lang, PROTOCOLS[lang]).parent.parent == base
    crumbs = [text_of(li) for li in protocols.select(".th-breadcrumbs li")]
    assert crumbs[-2:] == [DOCUMENTS[lang], PROTOCOLS[lang]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_kind_pages_link_to_each_other_in_every_language(real_site, lang):
    protocols = page(real_site, lang, PROTOCOLS[lang])
    switcher = {a["hreflang"]: a["href"] for a in protocols.select(".th-languages a")}
    for other in LANGUAGES:
        target, _ = href_path(real_site, switcher[other])
        assert target == page_path(real_site, other, PROTOCOLS[other])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_related_pages_list_their_documents(real_site, lang):
    names = titles()
    civic = page(real_site, lang, CIVIC[lang]).select("main section[aria-labelledby=related-documents] li a")
    assert [text_of(a) for a in civic] == [names["one-stop-shop-brochure"][lang]]
    cross = page(real_site, lang, CROSS_BORDER[lang]).select("main section[aria-labelledby=related-documents] li a")
    assert [text_of(a) for a in cross] == [names[key][lang] for key in NEWEST_FIRST[:3]]
    for link in civic + cross:
        target, fragment = href_path(real_site, link["href"])
        assert target == page_path(real_site, lang, DOCUMENTS[lang])
        assert fragment.startswith("document-")


# A document with its file, built in a copy of the site --------------------------------------------


PAGES = {"bg": "3 страници", "en": "3 pages", "el": "3 σελίδες", "tr": "3 sayfa"}
BG_EN = {
    "bg": "български и английски",
    "en": "Bulgarian and English",
    "el": "Βουλγαρικά και Αγγλικά",
    "tr": "Bulgarca ve İngilizce",
}
GREEK = {"bg": "гръцки", "en": "Greek", "el": "Ελληνικά", "tr": "Yunanca"}


def test_a_pdf_has_its_cover_pages_size_and_language(site_copy, tmp_path):
    # A second dot in a file name (protokol.2005.pdf) once stopped publish-build; an editor may also use spaces and Cyrillic.
    text_pdf(site_copy / "content/documents/Брошура едно гише.pdf", title="Брошура")
    text_pdf(site_copy / "content/documents/protokol.2005.pdf", title="Протокол", pages=1)
    replace(
        site_copy,
        "data/documents.yaml",
        "  kind: brochure\n",
        "  kind: brochure\n  file: documents/Брошура едно гише.pdf\n  languages: [bg, en]\n",
    )
    replace(
        site_copy,
        "data/documents.yaml",
        "  date: 2005-12-10\n",
        "  date: 2005-12-10\n  file: documents/protokol.2005.pdf\n  languages: [el]\n",
    )
    output = build(
        site_copy,
        tmp_path / "output",
        settings_file="publishconf.py",
        CACHE_PATH=str(tmp_path / "cache"),
        PUBLISHING_SEARCH_INDEX=False,
        PUBLISHING_PRECOMPRESS=False,
        PUBLISHING_SHARE_CARDS=False,  # a card per page and language: most of the build, and not what is checked
    )
    assert (output / "documents/Брошура едно гише.pdf").is_file()
    assert (output / "documents/protokol.2005.pdf").read_bytes() == (
        site_copy / "content/documents/protokol.2005.pdf"
    ).read_bytes()
    for lang in LANGUAGES:
        soup = page(output, lang, DOCUMENTS[lang])
        brochure, protocol = (
            soup.find(id="document-one-stop-shop-brochure"),
            soup.find(id="document-protocol-trilateral-2005"),
        )
        link = brochure.find("h2").find("a")
        assert link["href"].endswith("/documents/" + quote("Брошура едно гише.pdf")) and "hreflang" not in link.attrs, (
            "two languages: no hreflang"
        )
        assert protocol.find("h2").find("a")["href"].endswith("/documents/protokol.2005.pdf")
        assert protocol.find("h2").find("a")["hreflang"] == "el"
        file_text = text_of(brochure.select_one(".th-documents__file"))
        assert "PDF" in file_text and PAGES[lang] in file_text and "kB" in file_text
        # The languages are said only on a page in another language than the document's.
        assert (BG_EN[lang] in text_of(brochure)) == (lang not in ("bg", "en"))
        assert (GREEK[lang] in text_of(protocol)) == (lang != "el")
        covers = soup.select(".th-documents__cover picture")
        assert len(covers) == 2
        first, second = (cover.img for cover in covers)
        assert (first["width"], first["alt"]) == ("256", "")
        assert abs(int(first["height"]) - 256 * 842 / 595) < 1.5, "an A4 page, to the pixel PDFium rounds to"
        assert "loading" not in first.attrs and second["loading"] == "lazy"
        assert [source["type"] for source in covers[0].find_all("source")] == ["image/avif", "image/webp"]
        with Image.open(output / first["src"].split("/", 3)[3]) as cover:
            assert cover.format == "JPEG" and cover.width in (128, 256) and not cover.getexif()


def test_a_scan_without_a_title_is_a_warning_with_the_fix(site_copy, tmp_path):
    scanned_pdf(site_copy / "content/documents/scan.pdf")
    path = replace(
        site_copy, "data/documents.yaml", "  kind: brochure\n", "  kind: brochure\n  file: documents/scan.pdf\n"
    )
    overrides = {
        "PATH": str(site_copy / "content"),
        "SITE_DATA_PATH": str(site_copy / "data"),
        "MULTILINGUAL_TRANSLATIONS_PATH": str(REPO / "translations"),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    found = [str(p) for p in check_site(REPO / "pelicanconf.py", overrides) if "scan.pdf" in p.message]
    line = line_of(path, "file: documents/scan.pdf")
    assert found == [
        f"data/documents.yaml:{line}: content/documents/scan.pdf has no text, only pictures of pages (a scan): screen readers "
        "and search cannot read it — publish the PDF exported from the original document, or run text recognition (OCR) on "
        "the scan and replace the file [warning]",
        f"data/documents.yaml:{line}: content/documents/scan.pdf has no title in its properties: a reader's PDF viewer shows "
        "its file name instead — set the title in the document's properties (File › Properties) in the program that made it, "
        "export the PDF again and replace the file [warning]",
    ]


def test_a_file_that_is_not_a_pdf_is_an_error(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    (site_copy / "content/documents").mkdir()
    (site_copy / "content/documents/brochure.pdf").write_bytes(b"<html>not a PDF</html>")
    path = replace(
        site_copy, "data/documents.yaml", "  kind: brochure\n", "  kind: brochure\n  file: documents/brochure.pdf\n"
    )
    message = rebuild()
    assert (
        f"data/documents.yaml:{line_of(path, 'file: documents/brochure.pdf')}: content/documents/brochure.pdf cannot be read as a PDF"
        in message
    )
    assert "export the document again as PDF" in message


def test_an_empty_kind_has_no_page(site_copy):
    replace(site_copy, "data/documents.yaml", "  kind: brochure\n", "  kind: protocol\n")
    output = build(site_copy, site_copy / "output")
    soup = page(output, "en", DOCUMENTS["en"])
    assert [text_of(a) for a in soup.select("main nav.th-filter a")] == ["All documents (4)", "Protocols (4)"]
    with pytest.raises(AssertionError, match="no page titled"):
        page(output, "en", BROCHURES["en"])


# Editors' mistakes -------------------------------------------------------------------------------------


def test_a_named_file_that_is_missing(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(
        site_copy, "data/documents.yaml", "  kind: brochure\n", "  kind: brochure\n  file: documents/brochure.pdf\n"
    )
    message = rebuild()
    assert (
        f"data/documents.yaml:{line_of(path, 'file: documents/brochure.pdf')}: 'file' names content/documents/brochure.pdf, which does not exist"
        in message
    )
    assert "add the file to content/documents/brochure.pdf" in message


def test_a_file_outside_the_documents_folder(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(
        site_copy, "data/documents.yaml", "  kind: brochure\n", "  kind: brochure\n  file: images/brochure.pdf\n"
    )
    message = rebuild()
    assert (
        f"data/documents.yaml:{line_of(path, 'file: images/brochure.pdf')}: 'file' 'images/brochure.pdf' is not under documents/"
        in message
    )


def test_unknown_kind_lists_the_kinds(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(site_copy, "data/documents.yaml", "  kind: brochure\n", "  kind: leaflet\n")
    message = rebuild()
    assert (
        f"data/documents.yaml:{line_of(path, 'kind: leaflet')}: 'kind' is 'leaflet', which is not a known document_kinds id"
        in message
    )
    assert "write one of: brochure, other, protocol, publication" in message


def test_duplicate_document_id(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = append(site_copy, "data/documents.yaml", "- id: protocol-polis-2004\n  title: {bg: Копие}\n  kind: other\n")
    message = rebuild()
    first, second = (
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line == "- id: protocol-polis-2004"
    )
    assert (
        f"data/documents.yaml:{second}: the id 'protocol-polis-2004' is used twice (first on line {first})" in message
    )


def test_bad_date_and_unknown_language(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(site_copy, "data/documents.yaml", "  date: 2004\n", "  date: 2004-13\n  languages: [bg, de]\n")
    message = rebuild()
    assert f"data/documents.yaml:{line_of(path, 'date: 2004-13')}: 'date' '2004-13' is not a valid date" in message
    assert (
        f"data/documents.yaml:{line_of(path, 'languages: [bg, de]')}: 'languages item' is 'de', which is not one of the allowed values"
        in message
    )


def test_related_page_that_does_not_exist(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(site_copy, "data/documents.yaml", "pages: [civic-participation]", "pages: [civic-participaton]")
    message = rebuild()
    assert (
        f"data/documents.yaml:{line_of(path, 'civic-participaton')}: 'pages item' is 'civic-participaton', which is not a known pages id"
        in message
    )


def test_two_kinds_with_one_address(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    path = replace(site_copy, "data/document_kinds.yaml", "    en: Brochures", "    en: Protocols")
    message = rebuild()
    line = [
        number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text == "  plural:"
    ][1]
    assert (
        f"data/document_kinds.yaml:{line}: the page of the kind 'brochure' would have the address /en/documents/protocols/, which is also the address of 'documents-protocol'"
        in message
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_documents_are_in_the_main_menu_after_news(real_site, lang):
    soup = page(real_site, lang, DOCUMENTS[lang])
    items = [text_of(a) for a in soup.select(".th-nav__list > li > a")]
    news = {"bg": "Новини", "en": "News", "el": "Νέα", "tr": "Haberler"}[lang]
    assert items[items.index(news) + 1] == DOCUMENTS[lang]
    assert [text_of(a) for a in soup.select(".th-nav a[aria-current=page]")] == [DOCUMENTS[lang]]
