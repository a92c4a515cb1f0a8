"""The markdown_cache plugin: one reused parser that leaks nothing, a correctly keyed cache, parallel == serial."""

import fnmatch
import os
import sys
import zoneinfo

import pytest
from markdown import Markdown
from pelican import Pelican
from pelican.settings import read_settings as pelican_settings
from pelican.utils import SafeDatetime

import conftest
from bench.corpus import generate_corpus
from conftest import FIXED_TODAY, REPO, page_for_url, read_html
from markdown_cache.listing import is_ignored
from markdown_cache.parser import MarkdownParser, markdown_settings
from markdown_cache.prepare import markdown_sources
from markdown_cache.settings import SettingsError, read_settings
from markdown_cache.snapshot import CONTEXT, SETTINGS, ObjectTemplate
from markdown_cache.store import ContentCache

SITE_MARKDOWN = pelican_settings(str(REPO / "pelicanconf.py"))["MARKDOWN"]

FIRST = """Title: First
Template: special
Summary: The first page.

## Introduction

A note[^note] about HTML and [the manual][manual].

*[HTML]: Hyper Text Markup Language

[manual]: https://example.org/manual

[^note]: The first page's footnote.
"""

SECOND = """Title: Second

## Introduction

A note[^note] about HTML and [the manual][manual].

[^note]: The second page's footnote.
"""


def build(source_root, output, **overrides):
    """Build as conftest.build does, but without the site's share card (IMAGES_SHARE_CARD).

    These tests check the Markdown cache: encoding the card's nine copies again in each
    test's new CACHE_PATH took a tenth of their time, and none of them reads an image.
    """
    return conftest.build(source_root, output, **{"IMAGES_SHARE_CARD": ""} | overrides)


def fresh(text, md_settings):
    """Convert with a new parser, as stock Pelican does for every file."""
    md = Markdown(**md_settings)
    return md.convert(text), {k: list(v) for k, v in md.Meta.items()}


def site_md_settings(**extension_configs):
    settings = {
        "MARKDOWN": {**SITE_MARKDOWN, "extension_configs": {**SITE_MARKDOWN["extension_configs"], **extension_configs}}
    }
    return markdown_settings(settings)


def test_second_file_parsed_by_a_reused_parser_keeps_nothing_of_the_first():
    md_settings = site_md_settings(**{"markdown.extensions.footnotes": {}, "markdown.extensions.abbr": {}})
    parser = MarkdownParser(md_settings, [])
    parser.parse(FIRST)
    html, meta, _formatted = parser.parse(SECOND)
    assert meta == {"title": ["Second"]}  # no Template or Summary of the first file
    assert 'id="introduction"' in html  # not introduction_1: the ids of the first file are forgotten
    assert "The second page's footnote." in html and "first page" not in html
    assert "<abbr" not in html  # the first file's abbreviation does not apply
    assert "https://example.org/manual" not in html  # nor its link reference
    assert (html, meta) == fresh(SECOND, md_settings)


def test_footnote_ids_made_unique_across_documents_do_not_depend_on_the_order():
    md_settings = site_md_settings(**{"markdown.extensions.footnotes": {"UNIQUE_IDS": True}})
    parser = MarkdownParser(md_settings, [])
    for _ in range(3):
        parser.parse(FIRST)
    html, _meta, _formatted = parser.parse(SECOND)
    assert html == fresh(SECOND, md_settings)[0]


def test_every_real_source_parsed_in_sequence_equals_a_fresh_parse():
    md_settings = markdown_settings({"MARKDOWN": SITE_MARKDOWN})
    parser = MarkdownParser(md_settings, [])
    sources = sorted((REPO / "content").rglob("*.md"))
    assert len(sources) > 20
    for path in sources + sources[::-1]:
        text = path.read_text(encoding="utf-8")
        html, meta, _formatted = parser.parse(text)
        assert (html, meta) == fresh(text, md_settings), path


def test_formatted_fields_are_converted_and_the_next_file_still_has_its_front_matter():
    parser = MarkdownParser(markdown_settings({"MARKDOWN": SITE_MARKDOWN}), ["Summary"])
    _html, meta, formatted = parser.parse("Title: One\nSummary: Some *stress*\n\nText.\n")
    assert formatted == {"summary": "<p>Some <em>stress</em></p>"}
    _html, meta, formatted = parser.parse("Title: Two\nSummary: Plain\n\nText.\n")
    assert meta == {"title": ["Two"], "summary": ["Plain"]}
    assert formatted == {"summary": "<p>Plain</p>"}


def test_a_markdown_setting_change_is_seen_by_the_next_build(tiny_site, tmp_path):
    cache = tmp_path / "cache"
    output = tmp_path / "output"
    page = tiny_site / "content" / "pages" / "home.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Cache check\n\nText.\n", encoding="utf-8")

    def heading():
        build(tiny_site, output, CACHE_PATH=str(cache))
        url = next(p for p in output.rglob("index.html") if "Cache check" in p.read_text(encoding="utf-8"))
        return read_html(url).find(id="cache-check")

    def entries():
        return sorted(ContentCache(str(cache / "markdown"), b"").known())

    assert heading().find("a", class_="headerlink") is None
    first = entries()
    assert len(first) == len(list((tiny_site / "content").rglob("*.md")))
    assert heading() is not None and entries() == first  # unchanged: nothing parsed again
    permalinks = {
        **SITE_MARKDOWN,
        "extension_configs": {**SITE_MARKDOWN["extension_configs"], "markdown.extensions.toc": {"permalink": True}},
    }
    built = build(tiny_site, output, CACHE_PATH=str(cache), MARKDOWN=permalinks)
    assert built
    anchored = next(p for p in output.rglob("index.html") if "Cache check" in p.read_text(encoding="utf-8"))
    assert read_html(anchored).find(id="cache-check").find("a", class_="headerlink") is not None
    assert len(entries()) == 2 * len(first)  # every source converted again under the new settings
    assert heading().find("a", class_="headerlink") is None  # and back: the first entries serve again


def test_a_changed_file_is_parsed_again_and_its_page_changes(tiny_site, tmp_path):
    output = build(tiny_site, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    page = tiny_site / "content" / "pages" / "home.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added after the first build.\n", encoding="utf-8")
    build(tiny_site, output, CACHE_PATH=str(tmp_path / "cache"))
    assert any(
        "A sentence added after the first build." in p.read_text(encoding="utf-8")
        for p in (output / "en").rglob("index.html")
    )


def test_parallel_parsing_gives_the_same_bytes_as_serial(tmp_path):
    corpus = generate_corpus(tmp_path / "corpus", 6)
    outputs = {}
    for workers in (1, 2):
        outputs[workers] = build(
            corpus.root,
            tmp_path / f"output-{workers}",
            CACHE_PATH=str(tmp_path / f"cache-{workers}"),
            MARKDOWN_CACHE_WORKERS=workers,
            MARKDOWN_CACHE_PARALLEL_MIN=1,
        )
    files = {w: sorted(p.relative_to(o) for p in o.rglob("*") if p.is_file()) for w, o in outputs.items()}
    assert files[1] == files[2] and len(files[1]) > 6 * 4
    for relative in files[1]:
        assert (outputs[1] / relative).read_bytes() == (outputs[2] / relative).read_bytes(), relative


def test_workers_fill_the_cache_before_the_generators_read(tmp_path):
    corpus = generate_corpus(tmp_path / "corpus", 3)
    settings = pelican_settings(
        str(REPO / "pelicanconf.py"),
        override={
            "PATH": str(corpus.content),
            "SITE_DATA_PATH": str(corpus.root / "data"),
            "SITE_TODAY": FIXED_TODAY,
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "MARKDOWN_CACHE_WORKERS": 2,
            "MARKDOWN_CACHE_PARALLEL_MIN": 1,
        },
    )
    Pelican(settings)  # sends `initialized`: the plugin parses what the cache lacks
    entries = ContentCache(str(tmp_path / "cache" / "markdown"), b"").known()
    assert len(entries) == len(markdown_sources(settings)) == corpus.source_files


def test_caching_off_writes_no_cache_and_builds_the_same(tiny_site, tmp_path):
    cached = build(tiny_site, tmp_path / "cached", CACHE_PATH=str(tmp_path / "cache"))
    plain = build(tiny_site, tmp_path / "plain", CACHE_PATH=str(tmp_path / "no-cache"), MARKDOWN_CACHE_ENABLED=False)
    # (The images plugin keeps its own cache under CACHE_PATH/images whatever this plugin does.)
    assert not (tmp_path / "no-cache" / "markdown").exists()
    home = page_for_url(plain, "/en/")
    assert home.read_bytes() == page_for_url(cached, "/en/").read_bytes()


def test_a_later_build_without_the_plugin_in_the_same_process_does_not_use_it(tiny_site, tmp_path):
    build(tiny_site, tmp_path / "with", CACHE_PATH=str(tmp_path / "cache"))
    plugins = [name for name in pelican_settings(str(REPO / "pelicanconf.py"))["PLUGINS"] if name != "markdown_cache"]
    build(tiny_site, tmp_path / "without", CACHE_PATH=str(tmp_path / "other-cache"), PLUGINS=plugins)
    assert (tmp_path / "cache" / "markdown").is_dir()
    assert not (tmp_path / "other-cache" / "markdown").exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"MARKDOWN_CACHE_WORKRS": 2}, "markdown_cache: unknown setting MARKDOWN_CACHE_WORKRS"),
        ({"MARKDOWN_CACHE_WORKERS": "2"}, "markdown_cache: MARKDOWN_CACHE_WORKERS must be a int"),
        ({"MARKDOWN_CACHE_ENABLED": 1}, "markdown_cache: MARKDOWN_CACHE_ENABLED must be a bool"),
        ({"MARKDOWN_CACHE_MAX_AGE_DAYS": -1}, "markdown_cache: MARKDOWN_CACHE_MAX_AGE_DAYS must not be negative"),
        ({"MARKDOWN_CACHE_PATH": 3}, "markdown_cache: MARKDOWN_CACHE_PATH must be a str or None"),
    ],
)
def test_wrong_settings_stop_the_build_naming_the_plugin_and_the_key(tiny_site, tmp_path, overrides, message):
    with pytest.raises(SettingsError, match=message):
        build(tiny_site, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"), **overrides)
    assert not (tmp_path / "output").exists()


def test_cache_path_defaults_to_markdown_in_pelicans_cache_path():
    options = read_settings({"CACHE_PATH": "/tmp/x"})
    assert options["MARKDOWN_CACHE_PATH"] == os.path.join("/tmp/x", "markdown")
    assert options["MARKDOWN_CACHE_WORKERS"] == 0


def test_old_unused_entries_are_pruned_and_used_ones_kept(tiny_site, tmp_path):
    cache = tmp_path / "cache"
    build(tiny_site, tmp_path / "output", CACHE_PATH=str(cache))
    store = ContentCache(str(cache / "markdown"), b"")
    used = set(store.known())
    store.put_many([("stale", "old entry"), ("recent", "recent entry")])
    with store.connection:
        store.connection.execute("UPDATE entries SET used = 1 WHERE key != 'recent'")
    store.close()
    build(tiny_site, tmp_path / "output", CACHE_PATH=str(cache))
    known = store.known()
    assert "stale" not in known and "recent" in known
    assert set(known) == used | {"recent"} and all(known[key] > 1 for key in used)


def test_storing_an_entry_leaves_no_second_copy_in_the_parsed_html(tmp_path):
    # CPython keeps a str's UTF-8 form inside it once something asks for it (pickle does);
    # the reader keeps every parsed HTML until the core has checked it, so a copy there
    # would double the memory of a build that parses in its own process.
    parser = MarkdownParser(site_md_settings(), [])
    html, meta, formatted = parser.parse("Title: Страница\n\nТекст на страницата, на български.\n")
    size = sys.getsizeof(html)
    cache = ContentCache(str(tmp_path), b"settings")
    cache.put("key", (html, meta, formatted))
    assert sys.getsizeof(html) == size
    assert cache.get("key") == (html, meta, formatted)


def test_the_compiled_ignore_patterns_decide_as_fnmatch_does():
    patterns = pelican_settings(str(REPO / "pelicanconf.py"))["IGNORE_FILES"]
    names = ["page.bg.md", ".hidden.md", "page.bg.md~", "page.bg.md.swp", "notes.BAK", "Thumbs.db", "~$report.docx"]
    names += ["#page.bg.md#", "page#.md", "[x].bg.md", "desktop.INI", "a.tmp.md", "~", "##"]
    for name in names:
        assert is_ignored(name, patterns) == any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


def test_an_object_made_from_a_template_holds_what_unpickling_gives_and_shares_nothing_mutable():
    class Content:
        pass

    old_build = {SETTINGS: {"SITEURL": ""}, CONTEXT: {"pages": []}}
    new_build = {SETTINGS: {"SITEURL": ""}, CONTEXT: {"pages": []}}
    state = {
        "settings": old_build[SETTINGS],
        "_context": old_build[CONTEXT],
        "title": "Услуги",
        "date": SafeDatetime(2026, 11, 20),
        "timezone": zoneinfo.ZoneInfo("Europe/Sofia"),
        "in_default_lang": True,
        "translations": [],
        "metadata": {"title": "Услуги", "lang": "bg"},
    }
    template = ObjectTemplate.of(Content, state, old_build)
    first, second = template.state(new_build), template.state(new_build)
    assert first == {**state, "settings": new_build[SETTINGS], "_context": new_build[CONTEXT]}
    assert first["settings"] is new_build[SETTINGS] and first["_context"] is new_build[CONTEXT]
    for name in ("translations", "metadata"):
        assert first[name] is not second[name] and first[name] is not state[name]
    first["metadata"]["title"] = "changed by a build"
    assert template.state(new_build)["metadata"]["title"] == "Услуги"
    # Anything a build could change inside, or one list held twice, is unpickled at every build.
    for other in ({"tags": [["nested"]]}, {"metadata": {"authors": ["А"]}}, {"a": state["translations"]}):
        assert ObjectTemplate.of(Content, {**state, **other}, old_build) is None, other
    assert ObjectTemplate.of(Content, {**state, "thing": Content()}, old_build) is None
