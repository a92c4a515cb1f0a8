"""Wording the association's text does not use, and slips of spelling or grammar, stay out of every page."""

import functools
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from conftest import REPO, read_html
from site_checks import text_of


@functools.cache
def _texts_and_languages(output):
    """Return {relative path: (language, text)} of every HTML page of a built site, Pagefind's files aside.

    The real site is built once per run and only read: each process parses its
    pages once, not once for each slip looked for.
    """
    found = {}
    for path in sorted(Path(output).rglob("*.html")):
        relative = path.relative_to(output)
        if relative.parts[0] == "pagefind":
            continue
        soup = read_html(path)
        found[relative.as_posix()] = (soup.html.get("lang"), text_of(soup))
    return found


def pages_of(output, lang):
    """Return the text of every HTML page of ``lang`` (by its <html lang>), Pagefind's files aside."""
    return {path: text for path, (page_lang, text) in _texts_and_languages(output).items() if page_lang == lang}


@pytest.mark.parametrize(
    ("lang", "wrong", "right"),
    [
        ("tr", "işbirliği", "iş birliği"),  # current Turkish spelling (TDK)
        ("tr", "İşbirliği", "iş birliği"),
        ("el", "Βούλγαρων", "Βουλγάρων"),  # the accent of the genitive plural
        ("el", "Εγγραφή στη ροή", "Συνδρομή στη ροή"),  # "Εγγραφή" is registration; subscribing to a feed is "Συνδρομή"
        ("en", "the association", "the Association"),  # as the pages write it: this association is a name
        ("en", "The association", "The Association"),
        ("en", "Available on request", None),  # the association's text never says so
        ("bg", "подпечатайте", None),  # nor asks for a stamp
        ("en", "Stamp", None),
        ("en", "sign and stamp", None),
    ],
)
def test_no_page_has_the_slip(real_site, lang, wrong, right):
    texts = pages_of(real_site, lang)
    assert len(texts) > 20
    assert [path for path, text in texts.items() if wrong in text] == []
    if right:
        assert any(right in text for text in texts.values())


def test_english_statement_names_the_association_with_the_article(real_site):
    text = text_of(read_html(real_site / "en" / "accessibility-statement" / "index.html").find("main"))
    assert text.startswith("Accessibility statement The Regional Association of Municipalities “Thrace” is committed")


def test_english_running_text_gives_the_association_s_name_its_article(real_site):
    # "The Regional Association of Municipalities “Thrace” works…": a name used as a noun takes
    # "the"; the name alone (a heading, the address on the form) does not.
    name = yaml.safe_load((REPO / "data/site.yaml").read_text(encoding="utf-8"))["name"]["en"]
    uses, without = 0, []
    for path in pages_of(real_site, "en"):
        for block in read_html(real_site / path).find("main").find_all(["p", "li", "dd", "td"]):
            text = text_of(block)
            for match in re.finditer(re.escape(name), text):
                if text.strip() == name:
                    continue
                uses += 1
                if not re.search(r"\b[Tt]he $", text[: match.start()]):
                    without.append(f"{path}: {text}")
    assert uses >= 3, "the name is not found in running text: has data/site.yaml changed?"
    assert without == []


def test_greek_keeps_registration_and_subscription_apart():
    # "Εγγραφή" is registering (for a training); subscribing (to a feed) is "Συνδρομή".
    with open(REPO / "translations/el/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle, locale="el")
    subscribe = {m.id: m.string for m in catalog if m.id and "subscri" in str(m.id).lower()}
    register = {
        m.id: m.string for m in catalog if m.id and "regist" in str(m.id).lower() and "number" not in str(m.id).lower()
    }
    assert subscribe and register
    assert {
        id_: text for id_, text in subscribe.items() if "γγραφ" in text.lower() or "συνδρομ" not in text.lower()
    } == {}
    assert {
        id_: text for id_, text in register.items() if "συνδρομ" in text.lower() or "γγραφ" not in text.lower()
    } == {}


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_page_titles_are_in_sentence_case(real_site, lang):
    # GOV.UK style for English, and the same for Turkish: only the first word and names take a capital.
    site_name = yaml.safe_load((REPO / "data/site.yaml").read_text(encoding="utf-8"))["name"][lang]
    # Names keep their capitals ("“Trakya” Birliği’nin": a Turkish suffix follows an apostrophe).
    names = {"“Trakya”", "“Thrace”", "RAM", "Trakya", "Thrace", "Birliği"}
    for path in pages_of(real_site, lang):
        heading = read_html(real_site / path).find("h1")
        if heading is None or text_of(heading) == site_name:
            continue
        words = text_of(heading).split()[1:]
        capitals = [word for word in words if word[:1].isupper() and word.split("’")[0] not in names]
        assert capitals == [], f"{path}: {text_of(heading)}"


def test_turkish_cross_border_page_keeps_its_address(real_site):
    soup = read_html(real_site / "tr" / "sinir-otesi-isbirligi" / "index.html")
    assert text_of(soup.find("h1")) == "Sınır ötesi iş birliği"
