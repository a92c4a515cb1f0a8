"""Every page is described: its summary, else its first paragraph, else its section's description."""

from types import SimpleNamespace

import pytest

from conftest import LANGUAGES, read_html
from multilingual.body import pack_body
from multilingual.description import describe, first_paragraph, shortened
from multilingual.site import Page, Site, Version
from site_data import LocalText


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<h2>Title</h2><p></p><p>First <a href='/x/'>link</a> &amp; more</p><p>Second</p>", "First link & more"),
        ("<ul><li>no paragraph</li></ul>", None),
        ("<p class='lead'>\n  Folded\n  lines </p>", "Folded lines"),
        ("", None),
    ],
)
def test_first_paragraph_is_plain_text(html, expected):
    assert first_paragraph(html) == expected


def test_a_long_paragraph_is_cut_at_a_word():
    text = "слово " * 60
    cut = shortened(text.strip(), 50)
    assert len(cut) <= 50 and cut.endswith("слово…")
    assert shortened("short", 50) == "short"


def small_site():
    site = Site(["bg", "en"], "bg", "", names={}, today=None)
    section = site.add(Page("section", "page"))
    child = site.add(Page("child", "page", parent="section"))
    # As the core leaves a source once checked: its HTML packed, Pelican's copy emptied.
    body = SimpleNamespace(_content="<p>Раздел за <em>обучения</em>.</p>")
    pack_body(body)
    assert body._content is None
    for lang in ("bg", "en"):
        section.versions[lang] = Version("section", lang, f"{lang}/s/", LocalText("S", lang), "page", "bg", source=body)
        child.versions[lang] = Version("child", lang, f"{lang}/s/c/", LocalText("C", lang), "page", lang)
    return site


def test_summary_then_first_paragraph_then_offered_then_the_section():
    site = small_site()
    child = site.version("child", "en")
    assert describe(site, site.version("section", "en")) == "Раздел за обучения."
    assert describe(site, child, offered="What the data says.") == "What the data says."
    assert describe(site, child) == "Раздел за обучения."
    child.summary = LocalText("The child's summary, as written.", "en")
    assert describe(site, child, offered="ignored") == "The child's summary, as written."


def test_every_page_of_the_real_site_has_a_description(real_site):
    pages = [path for path in sorted(real_site.rglob("*.html")) if path.name != "404.html"]
    homes = {real_site / "index.html"} | {real_site / lang / "index.html" for lang in LANGUAGES[1:]}
    assert homes <= set(pages)
    for path in pages:
        described = read_html(path).select('head meta[name="description"]')
        assert len(described) == 1 and described[0]["content"].strip(), (
            f"{path.relative_to(real_site)} has no description"
        )
