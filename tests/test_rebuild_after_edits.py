"""A rebuild that reuses what earlier builds read gives the bytes of a build from nothing.

The tiny site is built once, then edited step by step: a page that links to
another and shows an image added, the linked page's text, a title
(and back), a translation added, its original edited (the translation is then
outdated), the translation removed, a news item's date, a setting that changes
what reading makes, a data file. After each step the site is rebuilt twice, as the preview does (again in
this process, which keeps what it read in memory) and as ``invoke build`` does
(in a new process, from the snapshot in the cache folder), and each rebuild must
equal a build of the same sources without any cache, byte for byte.
"""

import contextlib
import gc
import io
import json
import os
import queue
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pelican import signals

from conftest import REPO, build, source_settings
from images_fixtures import text_pdf
from markdown_cache import snapshot
from multilingual.translation_status import fingerprint, with_fingerprint
from site_build import BuildFailed
from site_build import build as build_module
from site_build import publish as publishing
from site_build.preview import PREVIEW_OVERRIDES, ChangeWatcher, WarmBuilds
from site_output.reads import StoredReads

# Builds each in a new Python process, as `invoke build` does: a process that has only imported
# the build forks one for each line of its standard input (a JSON list of build()'s arguments),
# and prints its exit status. Each build starts with nothing in memory but the modules, as in a
# process of its own, without the second of imports that the steps would spend again and again.
FRESH_PROCESS_BUILDS = """
import json, os, sys
from conftest import build
for request in sys.stdin:
    child = os.fork()
    if child == 0:
        os.dup2(2, 1)  # what the build prints goes to the log, never into the answers
        root, output, overrides = json.loads(request)
        build(root, output, **overrides)
        sys.exit(0)
    print(os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]), flush=True)
"""


@pytest.fixture
def build_in_new_process(tmp_path):
    """Return build_in_new_process(root, output, **overrides): a build in a process of its own (FRESH_PROCESS_BUILDS)."""
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(str(REPO / name) for name in ("plugins", "tests", ".")))
    log = tmp_path / "fresh-builds.log"
    with open(log, "w", encoding="utf-8") as printed:
        server = subprocess.Popen(
            [sys.executable, "-c", FRESH_PROCESS_BUILDS],
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=printed,
            text=True,
        )

    def build_in_new_process(root, output, **overrides):
        server.stdin.write(json.dumps([str(root), str(output), overrides]) + "\n")
        server.stdin.flush()
        status = server.stdout.readline().strip()
        assert status == "0", log.read_text(encoding="utf-8")[-5000:]
        return Path(output)

    yield build_in_new_process
    server.stdin.close()
    server.wait(timeout=60)


def files(output):
    """Return {relative path: bytes} of every file of a build."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes() for path in Path(output).rglob("*") if path.is_file()
    }


def differences(built, expected):
    """Return the names of the files that differ between two builds (missing on either side included)."""
    built, expected = files(built), files(expected)
    return sorted(name for name in built.keys() | expected.keys() if built.get(name) != expected.get(name))


# A page whose body links to another page and shows an image: a rebuild knows both from what it
# remembers of the body, which it does not read again (multilingual/body.py).
LINKING_PAGE = """Title: За сдружението
Template: activity
Summary: За сдружението.

Вижте [услугите]({filename}services.bg.md#kinds) и картата на сайта:

![Картата на сайта](images/site-card.png)
"""


def add_linking_page(root):
    (root / "content" / "pages" / "about.bg.md").write_text(LINKING_PAGE, encoding="utf-8")


def edit_text(root):
    page = root / "content" / "pages" / "services.bg.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nОще едно изречение.\n", encoding="utf-8")


def edit_title(root):
    page = root / "content" / "pages" / "services.bg.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Title: Услуги", "Title: Услуги за общините"), "utf-8")


def undo_title(root):
    page = root / "content" / "pages" / "services.bg.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Title: Услуги за общините", "Title: Услуги"), "utf-8")


def add_translation(root):
    original = (root / "content" / "pages" / "services.bg.md").read_text(encoding="utf-8")
    text = "Title: Services\nTemplate: activity\nSummary: Services.\n\nWhat the association offers.\n"
    (root / "content" / "pages" / "services.en.md").write_text(with_fingerprint(text, fingerprint(original)), "utf-8")


def remove_translation(root):
    (root / "content" / "pages" / "services.en.md").unlink()


def edit_news_date(root):
    item = next((root / "content" / "news").glob("*.bg.md"))
    item.write_text(item.read_text(encoding="utf-8").replace("Date: 2026-11-20", "Date: 2026-11-21"), "utf-8")


def edit_data(root):
    navigation = root / "data" / "navigation.yaml"
    lines = navigation.read_text(encoding="utf-8").splitlines(keepends=True)
    # The first two entries of the main menu change places.
    lines[1], lines[2] = lines[2], lines[1]
    navigation.write_text("".join(lines), encoding="utf-8")


def test_rebuilds_after_edits_give_the_bytes_of_a_build_from_nothing(tiny_site, tmp_path, build_in_new_process):
    settings = {}
    in_process = dict(output=tmp_path / "in-process", cache=tmp_path / "cache-in-process")
    fresh = dict(output=tmp_path / "fresh", cache=tmp_path / "cache-fresh")
    build(tiny_site, in_process["output"], CACHE_PATH=str(in_process["cache"]))
    build_in_new_process(tiny_site, fresh["output"], CACHE_PATH=str(fresh["cache"]))
    steps = [
        ("a page that links to another and shows an image", add_linking_page),
        ("a page's text", edit_text),
        ("a page's title", edit_title),
        # Bytes read before: the Markdown cache has their HTML, but what was read last is the edited title.
        ("the title as it was", undo_title),
        ("a translation added", add_translation),
        # The translation is now outdated: the build compares the original's fingerprint with its record.
        ("the original's text after its translation", edit_text),
        ("a translation removed", remove_translation),
        ("a news item's date", edit_news_date),
        # Every date of the site's front matter is read in this zone: the feeds show the offset.
        ("the time zone", lambda root: settings.update(TIMEZONE="UTC")),
        ("a data file", edit_data),
    ]
    for step, (what, edit) in enumerate(steps):
        edit(tiny_site)
        build(tiny_site, in_process["output"], CACHE_PATH=str(in_process["cache"]), **settings)
        build_in_new_process(tiny_site, fresh["output"], CACHE_PATH=str(fresh["cache"]), **settings)
        clean = build(tiny_site, tmp_path / f"clean-{step}", **settings)
        assert differences(in_process["output"], clean) == [], f"rebuilt in the same process after: {what}"
        assert differences(fresh["output"], clean) == [], f"rebuilt in a new process after: {what}"


def test_a_new_process_reads_a_source_saved_again_with_its_size_and_date(tiny_site, tmp_path, build_in_new_process):
    output, cache = tmp_path / "output", tmp_path / "cache"
    # Older than the reading by more than a tick of any file system's clock: their digests are kept.
    time.sleep(StoredReads.RACY_SECONDS + 0.5)
    build_in_new_process(tiny_site, output, CACHE_PATH=str(cache))
    page = tiny_site / "content" / "pages" / "services.bg.md"
    assert str(page) in StoredReads(str(cache / "reads" / "digests.pickle")).entries
    # Another word of the same length in bytes, and the modification time the file had.
    status = page.stat()
    page.write_text(page.read_text(encoding="utf-8").replace("страницата", "страниците"), encoding="utf-8")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert page.stat().st_size == status.st_size
    build_in_new_process(tiny_site, output, CACHE_PATH=str(cache))
    assert "Текст на страниците." in (output / "uslugi" / "index.html").read_text(encoding="utf-8")
    assert differences(output, build(tiny_site, tmp_path / "clean")) == []


def test_a_rebuild_reads_unchanged_sources_from_the_snapshot(tiny_site, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build(tiny_site, tmp_path / "output", CACHE_PATH=str(cache))
    # Another set of settings in between (the preview's, say) keeps a snapshot of its own.
    build(tiny_site, tmp_path / "preview", CACHE_PATH=str(cache), PUBLISHING_LIVE_RELOAD=True)
    assert len(list((cache / "markdown").glob("reading-PagesGenerator-*.pickle"))) == 2
    snapshot._kept.clear()  # as in a new process: from the files
    made = []
    restore = snapshot.ReadingSnapshot._restore

    def counting_restore(self, blob, html):
        made.append(blob)
        return restore(self, blob, html)

    # Counted, not replaced: each object is still made from the snapshot.
    monkeypatch.setattr(snapshot.ReadingSnapshot, "_restore", counting_restore)
    edit_text(tiny_site)
    build(tiny_site, tmp_path / "output", CACHE_PATH=str(cache))
    pages = len(list((tiny_site / "content" / "pages").glob("*.md")))
    # Every page but the edited one, and the news items.
    assert len(made) >= pages - 1


DOCUMENT = """- id: report-2026
  title:
    bg: Отчет за 2026 г.
  date: 2026
  kind: protocol
  pages: [cross-border-cooperation]
  file: documents/report-2026.pdf
  languages: [bg]
"""


def test_the_number_of_parsing_processes_does_not_make_another_snapshot(tiny_site, tmp_path):
    # How many processes parse Markdown changes no byte of what reading makes (parallel == serial).
    cache = tmp_path / "cache"
    build(tiny_site, tmp_path / "output", CACHE_PATH=str(cache))
    build(tiny_site, tmp_path / "output", CACHE_PATH=str(cache), MARKDOWN_CACHE_WORKERS=1)
    assert len(list((cache / "markdown").glob("reading-PagesGenerator-*.pickle"))) == 1


def test_the_data_kept_follows_the_files_under_content(tiny_site, tmp_path):
    # A record names a file under content/: removing the file is a problem of the data file
    # although no data file changed, in a rebuild as in a build from nothing.
    (tiny_site / "data" / "documents.yaml").write_text(DOCUMENT, encoding="utf-8")
    (tiny_site / "content" / "documents").mkdir()
    pdf = text_pdf(tiny_site / "content" / "documents" / "report-2026.pdf", title="Отчет", pages=1)
    cache = str(tmp_path / "cache")
    build(tiny_site, tmp_path / "output", CACHE_PATH=cache)
    pdf.unlink()
    with pytest.raises(BuildFailed) as clean:
        build(tiny_site, tmp_path / "clean")
    with pytest.raises(BuildFailed) as rebuilt:
        build(tiny_site, tmp_path / "output", CACHE_PATH=cache)
    assert "report-2026.pdf" in str(clean.value)
    assert rebuilt.value.problems == clean.value.problems


def test_a_link_to_a_page_removed_since_is_reported_by_a_rebuild(tiny_site, tmp_path):
    # The linking page's body is not read again: which pages it links to is remembered with it.
    add_linking_page(tiny_site)
    cache = str(tmp_path / "cache")
    build(tiny_site, tmp_path / "output", CACHE_PATH=cache)
    (tiny_site / "content" / "pages" / "services.bg.md").unlink()
    with pytest.raises(BuildFailed) as clean:
        build(tiny_site, tmp_path / "clean")
    with pytest.raises(BuildFailed) as rebuilt:
        build(tiny_site, tmp_path / "output", CACHE_PATH=cache)
    assert any(problem.path == "content/pages/about.bg.md" and problem.line == 5 for problem in clean.value.problems)
    assert rebuilt.value.problems == clean.value.problems


def preview_settings(root, cache):
    """Return the settings `invoke serve` builds the site in ``root`` with, its cache in ``cache``."""
    return {**source_settings(root), "CACHE_PATH": str(cache), "IMAGES_WORKERS": 1}


def test_the_preview_keeps_the_memory_of_one_build_not_of_every_build(tiny_site, tmp_path):
    # The preview builds in one process for hours, and every build leaves reference cycles behind.
    # Only a collection of the oldest generation frees them, and a build leaves what was alive
    # before it out of its own collections (site_build.heap.fewer_collections). On a site of hundreds of
    # pages a build's objects outlive the young generations' collections and the collector never
    # came to them (14 MiB more at each save at N = 500); the tiny site's objects are made to age
    # as fast. Another test's fixture may have frozen the heap, which a build leaves as it is:
    # thawed here, so that the preview's own way runs.
    frozen, threshold = gc.get_freeze_count(), gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(threshold[0], 1, 1_000_000)
    try:
        builds = WarmBuilds(
            REPO / "pelicanconf.py",
            tmp_path / "output",
            [str(tiny_site)],
            preview_settings(tiny_site, tmp_path / "cache"),
        )
        page = tiny_site / "content" / "pages" / "home.bg.md"
        original = page.read_text(encoding="utf-8")
        objects = []
        for save in range(6):
            page.write_text(f"{original}\nСъхранение {save}.\n", encoding="utf-8")
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                assert builds.build([str(page)]) is None
            builds.free_last_build()
            objects.append(len(gc.get_objects()))
    finally:
        gc.set_threshold(*threshold)
        if frozen:
            gc.freeze()
    # A build of the tiny site leaves some 10,000 objects in cycles; a few are this test's own.
    assert objects[-1] - objects[1] < 1_000, objects


def _tree_status(root):
    """Return {path: status} of every file and folder under ``root``."""
    found = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = os.path.join(folder, name)
            status = os.lstat(path)
            found[path] = (status.st_mode, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    return found


def _changed_paths(before, after):
    """Return the paths the watcher reports between two statuses of a tree: files added, removed or changed.

    A folder is reported when it is added or removed, not when a file in it is (as inotify reports).
    """
    return sorted(
        path
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path)
        and not (path in before and path in after and stat.S_ISDIR(before[path][0]) and stat.S_ISDIR(after[path][0]))
    )


def test_the_preview_publishes_from_what_it_filled_the_bytes_of_a_build_from_nothing(tiny_site, tmp_path, monkeypatch):
    # The preview knows what the two generations it filled last hold (publish.PublishedHere), and
    # neither lists their folders nor looks at every file taken over again; a build of another
    # process in between makes it list everything again.
    listed = []
    remove_unwanted = publishing._remove_unwanted
    monkeypatch.setattr(publishing, "_remove_unwanted", lambda *args: listed.append(1) or remove_unwanted(*args))
    overrides = preview_settings(tiny_site, tmp_path / "cache")
    output = tmp_path / "output"
    builds = WarmBuilds(REPO / "pelicanconf.py", output, [str(tiny_site)], overrides)
    steps = [
        ("nothing", lambda root: None),
        ("a page that links to another and shows an image", add_linking_page),
        ("a page's text", edit_text),
        ("a translation added", add_translation),
        # Its folder and its one file go: the generation must hold no empty folder.
        ("a translation removed", remove_translation),
        # Every page rendered again.
        ("a data file", edit_data),
    ]
    for step, (what, edit) in enumerate(steps):
        before = _tree_status(tiny_site)
        edit(tiny_site)
        listed.clear()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            # Told what changed, as the watcher tells it: the listings of content/ and data/ are kept
            # across a file saved again, made again when a file is added or removed.
            assert builds.build(_changed_paths(before, _tree_status(tiny_site))) is None, what
        # The first two builds of the process publish into generations it did not fill.
        assert listed == ([1] if step < 2 else []), what
        clean = build(tiny_site, tmp_path / f"clean-{step}", **PREVIEW_OVERRIDES)
        assert differences(output, clean) == [], f"published by the preview after: {what}"
        assert sorted(path for path in output.resolve().rglob("*") if path.is_dir() and not any(path.iterdir())) == []
    # Another process's build (invoke build) publishes the tree meanwhile.
    build(tiny_site, output, **overrides, **PREVIEW_OVERRIDES)
    edit_text(tiny_site)
    for _ in range(2):
        listed.clear()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert builds.build([str(tiny_site)]) is None
        assert listed == [1]  # the live generation, then the recycled one, are not the preview's
    assert differences(output, build(tiny_site, tmp_path / "clean-last", **PREVIEW_OVERRIDES)) == []


def test_a_body_removed_from_the_content_cache_during_a_build_is_parsed_again(tiny_site, tmp_path):
    # Trees may share one cache folder, and a build of another tree prunes what its own sources
    # did not use: an entry may go between this build's preparation and its rendering.
    cache = tmp_path / "cache"
    build(tiny_site, tmp_path / "output", CACHE_PATH=str(cache))
    edit_title(tiny_site)  # every page is rendered again, and asks the cache for its body

    def prune_everything(generators):
        with contextlib.closing(sqlite3.connect(cache / "markdown" / "entries.sqlite3")) as database, database:
            database.execute("DELETE FROM entries")

    signals.all_generators_finalized.connect(prune_everything)
    try:
        build(tiny_site, tmp_path / "output", CACHE_PATH=str(cache))
    finally:
        signals.all_generators_finalized.disconnect(prune_everything)
    assert differences(tmp_path / "output", build(tiny_site, tmp_path / "clean")) == []


class _CallAtOnce:
    """The server's loop, for the watcher alone: a callback runs in the watcher's thread."""

    def add_callback(self, callback):
        callback()


def test_the_watcher_tells_the_next_build_of_names_that_start_no_build(tmp_path):
    # An editor's swap file or a .env starts no build, but the next build must know of it: its
    # folder's listing (kept from one build to the next) would otherwise miss the file.
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "a.bg.md").write_text("Title: А\n\nТекст.\n", encoding="utf-8")
    builds = queue.Queue()
    watcher = ChangeWatcher([str(tmp_path / "content")], _CallAtOnce(), builds.put)
    watcher.start()
    try:
        time.sleep(0.3)  # the kernel's watch is in place
        (tmp_path / "content" / ".env").write_text("PASSWORD=x\n", encoding="utf-8")
        (pages / ".a.bg.md.swp").write_bytes(b"swap")
        with pytest.raises(queue.Empty):
            builds.get(timeout=1)
        (pages / "a.bg.md").write_text("Title: А\n\nДруг текст.\n", encoding="utf-8")
        changed = builds.get(timeout=10)
    finally:
        watcher.stop()
    assert {str(tmp_path / "content" / ".env"), str(pages / ".a.bg.md.swp"), str(pages / "a.bg.md")} <= changed


def test_a_secret_file_added_while_the_preview_runs_stops_its_next_build(tiny_site, tmp_path):
    builds = WarmBuilds(
        REPO / "pelicanconf.py", tmp_path / "output", [str(tiny_site)], preview_settings(tiny_site, tmp_path / "cache")
    )
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert builds.build() is None
        before = _tree_status(tiny_site)
        (tiny_site / "content" / ".env").write_text("PASSWORD=x\n", encoding="utf-8")
        edit_text(tiny_site)
        failure = builds.build(_changed_paths(before, _tree_status(tiny_site)))
    assert failure is not None
    assert [problem.path for problem in failure.problems] == ["content/.env"]


def test_a_template_edited_between_two_builds_of_one_process_is_compiled_again(tiny_site, tmp_path):
    # The compiled templates are kept in the cache folder and in the process's memory, both keyed on
    # the template's source: the second build must not render with the first build's code.
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes" / "thrace", theme)
    overrides = {**PREVIEW_OVERRIDES, **preview_settings(tiny_site, tmp_path / "cache"), "THEME": str(theme)}
    builds = WarmBuilds(REPO / "pelicanconf.py", tmp_path / "output", [str(tiny_site), str(theme)], overrides)
    base = theme / "templates" / "base.html"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert builds.build() is None
        home = (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
        assert "th-footer--edited" not in home
        base.write_text(
            base.read_text(encoding="utf-8").replace('class="th-footer"', 'class="th-footer th-footer--edited"')
        )
        assert builds.build([str(base)]) is None
    assert 'class="th-footer th-footer--edited"' in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")


def test_what_a_build_keeps_for_the_next_is_written_once_it_is_published(tiny_site, tmp_path, monkeypatch):
    # The reading snapshot, the checks found clean and the bodies' facts only spare the next build
    # work: the preview publishes its new page before writing them (site_output.later).
    cache = tmp_path / "cache"
    output = tmp_path / "output"
    switched = []
    publish = build_module.publish

    def publish_and_look(*args):
        publish(*args)
        switched.append(sorted(path.name for path in cache.rglob("*") if path.is_file()))

    monkeypatch.setattr(build_module, "publish", publish_and_look)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        WarmBuilds(REPO / "pelicanconf.py", output, [str(tiny_site)], preview_settings(tiny_site, cache)).build()
    kept_after = sorted(path.name for path in cache.rglob("*") if path.is_file())
    assert (output / "index.html").is_file()
    waited = set(kept_after) - set(switched[0])
    assert {"tree.clean", "pages.clean", "bodies.pickle"} <= waited
    assert any(name.startswith("reading-PagesGenerator-") for name in waited)
