"""Every internal link and anchor of the published site resolves; hreflang alternates are reciprocal.

tests/test_site_languages.py checks the same on the development build, whose
links are root-relative; here it is the published build, whose links are
absolute (SITEURL), and every kind of reference is followed: a, link, img,
script, source … . The checks are functions of a folder and its SITEURL, so the
negative tests below can feed them a deliberately broken one.
"""

from urllib.parse import unquote, urldefrag, urljoin

from .built_pages import SITEURL, BuiltPages, alternates, canonical, page, write

REFERENCES = "//*[@href or @src]"


def link_problems(pages):
    """Return every reference to this site that leads to no file, or to a missing #id."""
    problems = []
    for path in pages.files:
        here = pages.url_of(path)
        for element in pages.tree(path).xpath(REFERENCES):
            for attribute in ("href", "src"):
                value = (element.get(attribute) or "").strip()
                if not value or value.startswith(("mailto:", "tel:")):
                    continue
                address, fragment = urldefrag(urljoin(here, value))
                target = pages.file_for(address)
                if target is None:
                    continue
                shown = f'{here}: <{element.tag} {attribute}="{value}">'
                if not target.is_file():
                    problems.append(f"{shown} leads to no file ({target.relative_to(pages.output)})")
                elif fragment and target.suffix == ".html" and unquote(fragment) not in pages.ids(target):
                    problems.append(f"{shown}: {pages.url_of(target)} has no id '{unquote(fragment)}'")
    return problems


def hreflang_problems(pages):
    """Return what breaks the hreflang clusters: self-reference, x-default, canonical, reciprocity."""
    problems = []
    for path in pages.files:
        alternates = pages.alternates(path)
        if not alternates:
            continue  # a fallback or a 404 page claims no translation
        here, lang = pages.url_of(path), pages.lang(path)
        links = dict(alternates)
        if len(links) != len(alternates):
            problems.append(f"{here}: an hreflang is listed twice: {alternates}")
        if links.get(lang) != here:
            problems.append(f"{here}: its own language '{lang}' is not listed as itself (found {links.get(lang)})")
        if "x-default" not in links:
            problems.append(f"{here}: no x-default alternate")
        canonical = pages.tree(path).xpath("//head/link[@rel='canonical']/@href")
        if canonical != [here]:
            problems.append(f"{here}: lists alternates but its canonical link is {canonical}, not itself")
        for hreflang, href in alternates:
            target = pages.file_for(href)
            if target is None or not target.is_file():
                problems.append(f"{here}: the {hreflang} alternate {href} leads to no page")
                continue
            if hreflang == "x-default":
                continue
            if pages.lang(target) != hreflang:
                problems.append(f"{here}: the {hreflang} alternate {href} is a page in '{pages.lang(target)}'")
            back = dict(pages.alternates(target))
            if back.get(lang) != here:
                problems.append(
                    f"{here}: its {hreflang} alternate {href} does not list it back as '{lang}' "
                    f"(lists {back.get(lang)})"
                )
            elif back.get("x-default") != links.get("x-default"):
                problems.append(
                    f"{here}: its {hreflang} alternate {href} has another x-default ({back.get('x-default')})"
                )
    return problems


# The published site ------------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves(published):
    problems = link_problems(BuiltPages(published.output, published.siteurl))
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(problems)


def test_hreflang_alternates_are_reciprocal_across_the_site(published):
    pages = BuiltPages(published.output, published.siteurl)
    assert any(pages.alternates(path) for path in pages.files), "no page of the published site has hreflang alternates"
    problems = hreflang_problems(pages)
    assert not problems, "\n".join(problems)


# Each check reports a broken site ------------------------------------------------------------


def test_link_check_reports_missing_pages_files_and_anchors(tmp_path):
    write(
        tmp_path,
        "index.html",
        page(
            "en",
            body="""
        <a href="#top-of-nothing">a missing anchor here</a>
        <a href="https://example.test/other/#here">a good anchor</a>
        <a href="other/#nope">a missing anchor there</a>
        <a href="/missing/">a missing page</a>
        <img src="https://example.test/photo.png" alt="a missing image">
        <a href="https://elsewhere.example/missing/">another site</a>
        <a href="mailto:someone@example.test">mail</a>""",
        ),
    )
    write(tmp_path, "other/index.html", page("en", body='<h1 id="here">Here</h1><a href="../">back</a>'))
    problems = link_problems(BuiltPages(tmp_path, SITEURL))
    assert problems == [
        "https://example.test/: <a href=\"#top-of-nothing\">: https://example.test/ has no id 'top-of-nothing'",
        "https://example.test/: <a href=\"other/#nope\">: https://example.test/other/ has no id 'nope'",
        'https://example.test/: <a href="/missing/"> leads to no file (missing/index.html)',
        'https://example.test/: <img src="https://example.test/photo.png"> leads to no file (photo.png)',
    ]


def test_hreflang_check_reports_a_one_way_alternate_and_a_missing_x_default(tmp_path):
    # bg and en list each other; en also claims an el version that does not list it back.
    write(tmp_path, "index.html", page("bg", canonical("") + alternates(("bg", ""), ("en", "en/"), ("x-default", ""))))
    write(
        tmp_path, "en/index.html", page("en", canonical("en/") + alternates(("bg", ""), ("en", "en/"), ("el", "el/")))
    )
    write(tmp_path, "el/index.html", page("el", canonical("el/") + alternates(("el", "el/"), ("x-default", "el/"))))
    problems = hreflang_problems(BuiltPages(tmp_path, SITEURL))
    assert sorted(problems) == [
        "https://example.test/: its en alternate https://example.test/en/ has another x-default (None)",
        "https://example.test/en/: its bg alternate https://example.test/ has another x-default (https://example.test/)",
        "https://example.test/en/: its el alternate https://example.test/el/ does not list it back as 'en' (lists None)",
        "https://example.test/en/: no x-default alternate",
    ]
