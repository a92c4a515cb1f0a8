"""Rebuilds change only what changed: unchanged files keep their mtime, stale files go, failures touch nothing."""

import os
import re
from pathlib import Path

import pytest

from bench.corpus import generate_corpus
from conftest import LANGUAGES, build, read_html
from site_build import BuildFailed
from site_build.publish import publish

OLD = 946684800  # 2000-01-01: a time no build writes


def files(output):
    """Return {relative path: (bytes, mtime_ns, inode)} of every file in a build."""
    return {
        p.relative_to(output): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
        for p in Path(output).rglob("*")
        if p.is_file()
    }


def age(output):
    """Give every built file an old mtime, so that a rewrite shows without waiting."""
    for path in Path(output).rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def page_containing(output, text, lang):
    """Return the first page of a language whose HTML contains ``text``."""
    folder = Path(output) / lang if lang != "bg" else Path(output)
    return next(
        p
        for p in sorted(folder.rglob("index.html"))
        if (lang != "bg" or p.relative_to(folder).parts[0] not in LANGUAGES) and text in p.read_text(encoding="utf-8")
    )


@pytest.fixture
def built(tiny_site, tmp_path):
    """The tiny site built once, every file aged."""
    output = build(tiny_site, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    age(output)
    return output


def test_a_rebuild_with_nothing_changed_rewrites_no_file(tiny_site, built, tmp_path):
    before = files(built)
    build(tiny_site, built, CACHE_PATH=str(tmp_path / "cache"))
    assert files(built) == before
    assert not list(tmp_path.glob(".build-*"))  # the staging folder is gone


def test_after_one_edit_only_that_page_is_rewritten(tiny_site, built, tmp_path):
    before = files(built)
    source = tiny_site / "content" / "pages" / "home.en.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nOne sentence more.\n", encoding="utf-8")
    build(tiny_site, built, CACHE_PATH=str(tmp_path / "cache"))
    after = files(built)
    changed = {path for path in after if after[path] != before.get(path)}
    edited = page_containing(built, "One sentence more.", "en").relative_to(built)
    assert changed == {edited}
    content, mtime, _inode = after[edited]
    assert mtime > OLD * 10**9 and b"One sentence more." in content
    for path in set(after) - changed:
        assert after[path][1] == OLD * 10**9, path


def test_a_page_whose_source_is_gone_is_deleted_with_its_folder(tiny_site, tmp_path):
    cache = str(tmp_path / "cache")
    extra = tiny_site / "content" / "pages" / "extra-page.bg.md"
    extra.write_text("Title: Допълнителна страница\nSlug: extra-page\n\nТекст.\n", encoding="utf-8")
    output = build(tiny_site, tmp_path / "output", CACHE_PATH=cache)
    assert (output / "extra-page" / "index.html").is_file()
    assert all((output / lang / "extra-page" / "index.html").is_file() for lang in LANGUAGES if lang != "bg")
    extra.unlink()
    build(tiny_site, output, CACHE_PATH=cache)
    assert not (output / "extra-page").exists()
    assert not any((output / lang / "extra-page").exists() for lang in LANGUAGES if lang != "bg")
    assert (output / "index.html").is_file()


def test_a_failed_build_leaves_every_published_file_as_it_was(tiny_site, built, tmp_path):
    before = files(built)
    (tiny_site / "data" / "site.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    source = tiny_site / "content" / "pages" / "home.en.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNot published.\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"data/site\.yaml:\d+: YAML syntax error"):
        build(tiny_site, built, CACHE_PATH=str(tmp_path / "cache"))
    assert files(built) == before
    assert not list(tmp_path.glob(".build-*"))


def test_a_file_where_a_folder_must_go_is_replaced(tiny_site, built, tmp_path):
    # A page's folder, whatever the tiny site calls it in English.
    blocker = next(page.parent for page in sorted((built / "en").glob("*/index.html")))
    for path in sorted(blocker.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    blocker.rmdir()
    blocker.write_text("not a folder", encoding="utf-8")
    build(tiny_site, built, CACHE_PATH=str(tmp_path / "cache"))
    assert (blocker / "index.html").is_file()


def test_the_generated_corpus_builds_in_every_language(tmp_path):
    corpus = generate_corpus(tmp_path / "corpus", 3)
    again = generate_corpus(tmp_path / "again", 3)
    key = corpus.page_keys[0]
    assert corpus.page_file(key, "el").read_bytes() == again.page_file(key, "el").read_bytes()  # deterministic
    output = build(corpus.root, tmp_path / "output", CACHE_PATH=str(tmp_path / "cache"))
    for lang, script in {"bg": "Ѐ-ӿ", "en": "A-Za-z", "el": "Ͱ-Ͽ", "tr": "A-Za-zçğıöşüÇĞİÖŞÜ"}.items():
        title = corpus.page_file(key, lang).read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("Title: ")
        page = page_containing(output, f">{title}</h1>", lang)
        html = read_html(page)
        prose = html.find(class_="th-prose")
        assert html.html["lang"] == lang
        assert prose.find("table") and prose.find("ul") and prose.find("h2")
        links = [a["href"] for a in prose.find_all("a")]
        assert links and all("{filename}" not in href and "thrace-page" not in href for href in links)
        assert len(prose.get_text().split()) > 450
        assert re.search(f"[{script}]{{4}}", prose.get_text())


def test_publish_links_equal_files_from_the_live_generation_and_switches_at_once(tmp_path):
    output = tmp_path / "output"
    live = tmp_path / "live"
    staging = tmp_path / ".build-test"
    for root, texts in (
        (live, {"same/index.html": "same", "changed/index.html": "old", "gone/deep/index.html": "x"}),
        (staging, {"same/index.html": "same", "changed/index.html": "new", "added/index.html": "+"}),
    ):
        for relative, text in texts.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(text, encoding="utf-8")
    live.rename(output)  # a folder published by an older build becomes the previous generation
    age(output)
    same = (output / "same" / "index.html").stat()
    generation = publish(str(staging), str(output))
    assert output.is_symlink() and output.resolve() == Path(generation).resolve()
    assert not os.path.isabs(os.readlink(output))  # relative: the tree can be moved or mounted elsewhere
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*")) == [
        "added",
        "added/index.html",
        "changed",
        "changed/index.html",
        "same",
        "same/index.html",
    ]
    assert (output / "changed" / "index.html").read_text(encoding="utf-8") == "new"
    kept = (output / "same" / "index.html").stat()
    assert (kept.st_ino, kept.st_mtime_ns) == (same.st_ino, same.st_mtime_ns)
    assert not staging.exists()
    generations = sorted(p.name for p in (tmp_path / ".output.generations").iterdir() if p.name.isdigit())
    assert len(generations) == 2  # the new one and the one before it


def test_the_generation_before_the_live_one_is_remade_into_the_new_one(tmp_path):
    output = tmp_path / "output"

    def stage(texts):
        staging = tmp_path / ".build-test"
        for relative, text in texts.items():
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).write_text(text, encoding="utf-8")
        return str(staging)

    first = publish(stage({"a/index.html": "a", "same/index.html": "same", "css/site.css": "1"}), str(output))
    second = publish(stage({"same/index.html": "same", "b/index.html": "b", "css/site.css": "2"}), str(output))
    recycled = os.stat(first).st_ino
    third = publish(
        stage({"same/index.html": "same", "c/index.html": "c", "css/site.css": "2", "a": "now a file"}), str(output)
    )
    assert os.stat(third).st_ino == recycled and not os.path.exists(first)
    assert {
        p.relative_to(output).as_posix(): p.read_text(encoding="utf-8") for p in output.rglob("*") if p.is_file()
    } == {"a": "now a file", "same/index.html": "same", "c/index.html": "c", "css/site.css": "2"}
    # Unchanged files are the live generation's, and the live generation was not touched.
    assert (output / "same" / "index.html").stat().st_ino == (Path(second) / "same" / "index.html").stat().st_ino
    assert (output / "css" / "site.css").stat().st_ino == (Path(second) / "css" / "site.css").stat().st_ino
    assert sorted(p.relative_to(second).as_posix() for p in Path(second).rglob("*") if p.is_file()) == [
        "b/index.html",
        "css/site.css",
        "same/index.html",
    ]
