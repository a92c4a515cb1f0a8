"""The HTML a page may contain (plugins/content_safety): an allow-list, checked and enforced.

Hostile pages, one attack each (tests/fixtures/hostile/pages), must each stop
the build with exactly one ``path:line`` problem and a fix; what the allow-list
allows (tests/fixtures/allowed) must be published intact; and the sanitiser
alone must remove every attack, as it would if a check were missed.
"""

import shutil

import markdown
import pytest
from PIL import Image

from conftest import REPO, build
from content_safety import sanitize
from content_safety.html_policy import markup_problems
from site_build import BuildFailed
from site_checks import error_lines, page, problem_paths

REPO_FIXTURES = REPO / "tests" / "fixtures"
HOSTILE_PAGES = sorted((REPO_FIXTURES / "hostile" / "pages").glob("*.md"))
ATTACK_LINE = 5  # every hostile page carries its attack on line 5
ALLOWED_PAGE = REPO_FIXTURES / "allowed" / "everything-allowed.bg.md"
MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.toc", "markdown.extensions.meta"],
    "output_format": "html5",
}


def test_each_hostile_page_is_one_problem_at_its_line(tiny_site):
    for source in HOSTILE_PAGES:
        shutil.copy(source, tiny_site / "content" / "pages" / source.name)
    with pytest.raises(BuildFailed) as failure:
        build(tiny_site, tiny_site / "output")
    message = str(failure.value)
    assert problem_paths(message) == sorted(f"content/pages/{source.name}" for source in HOSTILE_PAGES), message
    for line in error_lines(message):
        assert f".md:{ATTACK_LINE}: " in line and " — " in line, line  # at the attack's line, with a fix
    assert not (tiny_site / "output").exists()


def test_the_fixes_say_what_to_do_instead(tiny_site):
    for source in HOSTILE_PAGES:
        shutil.copy(source, tiny_site / "content" / "pages" / source.name)
    with pytest.raises(BuildFailed) as failure:
        build(tiny_site, tiny_site / "output")
    by_file = {line.split(":", 1)[0].rsplit("/", 1)[1]: line for line in error_lines(str(failure.value))}
    assert (
        "the <script> element is not allowed in a page — link to the video instead of embedding it"
        in by_file["hostile-script.bg.md"]
    )
    assert "'onerror='" in by_file["hostile-onerror.bg.md"]
    assert "'javascript:'" in by_file["hostile-entity-javascript.bg.md"]
    assert "redirect" in by_file["hostile-meta-refresh.bg.md"]
    assert "export the drawing as PNG" in by_file["hostile-inline-svg.bg.md"]
    assert "leads outside content/" in by_file["hostile-attach-outside.bg.md"]


def test_everything_allowed_is_published_intact(tiny_site):
    shutil.copy(ALLOWED_PAGE, tiny_site / "content" / "pages" / ALLOWED_PAGE.name)
    (tiny_site / "content" / "images").mkdir(exist_ok=True)
    Image.new("RGB", (64, 48), (40, 90, 140)).save(tiny_site / "content" / "images" / "snimka.png")
    output = build(tiny_site, tiny_site / "output")
    main = page(output, "bg", "Всичко позволено").find("main")
    for selector in (
        "div.toc",
        "h2#kotva",
        "strong",
        "em",
        "code",
        "sup",
        "sub",
        "abbr[title]",
        "p[lang=en]",
        "ul ul li",
        "ol li",
        "dl dt",
        "dl dd",
        "blockquote",
        "hr",
        "table thead th",
        "table td a[href='/en/#main-content']",
        "td[style='text-align:right']",
        "figure img[alt='Описание на снимката']",
        "figure figcaption",
        "details summary",
        "pre code.language-python",
        "a[href='https://example.org/']",
        "a[href='mailto:info@example.org']",
        "a[href='tel:+359000000']",
        "div.footnote li[id]",
        "sup[id] a.footnote-ref",
    ):
        assert main.select_one(selector) is not None, f"{selector} is missing from the published page"


@pytest.mark.parametrize("source", HOSTILE_PAGES, ids=lambda path: path.stem)
def test_the_sanitiser_removes_each_attack_even_unchecked(source):
    html = sanitize(markdown.markdown(source.read_text(encoding="utf-8"), **MARKDOWN))
    assert markup_problems(html) == [] or source.stem == "hostile-attach-outside.bg"
    for payload in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "vbscript:",
        "data:",
        "<meta",
        "<iframe",
        "<style",
        "style=",
        "<form",
        "<svg",
        "<object",
        "<base",
    ):
        assert payload not in html.lower(), f"{payload} survived the sanitiser in {source.name}"


def test_the_real_pages_need_nothing_outside_the_allow_list():
    for source in sorted((REPO / "content").rglob("*.md")):
        html = markdown.markdown(source.read_text(encoding="utf-8"), **MARKDOWN)
        assert markup_problems(html) == [], source
