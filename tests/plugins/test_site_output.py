"""site_output's digests of the input files: read once per build, the same for every step of it."""

import hashlib
import os

from site_output import OutputWriter, fingerprints_path, reads
from site_output.fingerprints import tree_digest
from site_output.listing import FILE, FOLDER, LINK, LINK_TO_FOLDER, OTHER, listing
from site_output.reads import KnownReads, StoredReads, file_digest, front_matter_digest, one_read_per_build


def test_every_step_of_a_build_sees_the_bytes_the_first_step_read(tmp_path):
    source = tmp_path / "page.bg.md"
    source.write_bytes(b"Title: A\n\nText.\n")
    first = hashlib.sha256(source.read_bytes()).digest()
    with one_read_per_build():
        assert file_digest(str(source)) == first
        source.write_bytes(b"Title: A\n\nText saved again during the build.\n")
        assert file_digest(str(source)) == first
        with one_read_per_build():  # the run of Pelican inside the build's check of the tree
            assert file_digest(os.path.join(str(tmp_path), ".", "page.bg.md")) == first
    saved = hashlib.sha256(source.read_bytes()).digest()
    assert saved != first
    assert file_digest(str(source)) == saved  # outside a build: read at every call
    with one_read_per_build():  # the next build
        assert file_digest(str(source)) == saved


def test_the_front_matter_digest_changes_with_the_fields_only(tmp_path):
    source = tmp_path / "page.bg.md"
    source.write_bytes(b"Title: A\nSummary: B\n\nText.\n")
    with one_read_per_build():
        fields = front_matter_digest(str(source))
    source.write_bytes(b"Title: A\nSummary: B\n  \nAnother text.\n")
    with one_read_per_build():
        assert front_matter_digest(str(source)) == fields
    source.write_bytes(b"Title: A\nSummary: C\n\nAnother text.\n")
    with one_read_per_build():
        assert front_matter_digest(str(source)) != fields
    assert front_matter_digest(str(source)) == hashlib.sha256(b"Title: A\nSummary: C").digest()


def test_a_warm_process_reads_again_only_what_it_was_told_changed(tmp_path):
    watched, elsewhere = tmp_path / "content", tmp_path / "theme"
    (watched / "pages").mkdir(parents=True)
    elsewhere.mkdir()
    page, other, style = watched / "pages" / "a.bg.md", watched / "pages" / "b.bg.md", elsewhere / "site.css"
    for path in (page, other, style):
        path.write_bytes(b"first")
    known = KnownReads([str(watched)])
    with one_read_per_build(known):
        first = {path: file_digest(str(path)) for path in (page, other, style)}
        folder = tree_digest(str(watched))
    for path in (page, other, style):
        path.write_bytes(b"second")
    known.forget([str(page)])
    with one_read_per_build(known):
        assert file_digest(str(page)) != first[page]  # reported: read again
        assert file_digest(str(other)) == first[other]  # not reported: as the last build read it
        assert file_digest(str(style)) != first[style]  # not watched: read at every build
        assert tree_digest(str(watched)) != folder  # the folder holding a reported file
    known.forget([str(watched / "pages")])  # a folder renamed or removed: everything under it
    with one_read_per_build(known):
        assert file_digest(str(other)) == hashlib.sha256(b"second").digest()


def _counting_opens(monkeypatch, page):
    """Count how often site_output.reads opens ``page`` (the real open does the work)."""
    opened = []

    def counting_open(path, *args, **kwargs):
        if os.fspath(path) == str(page):
            opened.append(os.fspath(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(reads, "open", counting_open, raising=False)
    return opened


def test_a_new_process_trusts_a_kept_digest_while_the_file_status_is_unchanged(tmp_path, monkeypatch):
    monkeypatch.setattr(StoredReads, "RACY_SECONDS", 0)  # files older than the build: see the next test
    page, kept = tmp_path / "page.bg.md", tmp_path / "cache" / "digests.pickle"
    page.write_bytes(b"first")
    with one_read_per_build(StoredReads(str(kept))):
        assert file_digest(str(page)) == hashlib.sha256(b"first").digest()
    opened = _counting_opens(monkeypatch, page)
    with one_read_per_build(StoredReads(str(kept))):
        assert file_digest(str(page)) == hashlib.sha256(b"first").digest()
        assert front_matter_digest(str(page)) == hashlib.sha256(b"first").digest()
    assert opened == []  # as the last process read it
    # Saved again with the same size, its modification time put back: the change time moved.
    status = page.stat()
    page.write_bytes(b"secnd")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    with one_read_per_build(StoredReads(str(kept))):
        assert file_digest(str(page)) == hashlib.sha256(b"secnd").digest()
    assert opened == [str(page)]


def test_a_file_saved_just_before_it_was_read_is_read_again_by_the_next_process(tmp_path, monkeypatch):
    page, kept = tmp_path / "page.bg.md", tmp_path / "cache" / "digests.pickle"
    page.write_bytes(b"first")
    with one_read_per_build(StoredReads(str(kept))):
        file_digest(str(page))
    # A second save within one tick of the file system's clock would leave its status as it is.
    opened = _counting_opens(monkeypatch, page)
    with one_read_per_build(StoredReads(str(kept))):
        assert file_digest(str(page)) == hashlib.sha256(b"first").digest()
    assert opened == [str(page)]


def test_a_damaged_memory_of_reads_makes_every_file_read(tmp_path, monkeypatch):
    monkeypatch.setattr(StoredReads, "RACY_SECONDS", 0)
    page, kept = tmp_path / "page.bg.md", tmp_path / "cache" / "digests.pickle"
    page.write_bytes(b"first")
    with one_read_per_build(StoredReads(str(kept))):
        file_digest(str(page))
    kept.write_bytes(kept.read_bytes()[:20])
    opened = _counting_opens(monkeypatch, page)
    with one_read_per_build(StoredReads(str(kept))):
        assert file_digest(str(page)) == hashlib.sha256(b"first").digest()
    assert opened == [str(page)]
    with one_read_per_build(StoredReads(str(kept))):  # and kept again, whole
        file_digest(str(page))
    assert opened == [str(page)]


def test_a_memory_of_reads_that_cannot_be_written_costs_only_the_next_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(StoredReads, "RACY_SECONDS", 0)
    page, blocked = tmp_path / "page.bg.md", tmp_path / "cache"
    page.write_bytes(b"first")
    blocked.write_bytes(b"a file where the cache's folder would be")
    with one_read_per_build(StoredReads(str(blocked / "reads" / "digests.pickle"))):
        assert file_digest(str(page)) == hashlib.sha256(b"first").digest()
    assert blocked.read_bytes() == b"a file where the cache's folder would be"


def _tree(root):
    (root / "pages" / "deeper").mkdir(parents=True)
    (root / "pages" / "b.md").write_text("b")
    (root / "pages" / "a.md").write_text("a")
    (root / "pages" / "deeper" / "c.md").write_text("c")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "d.md").write_text("d")
    (root / "z.txt").write_text("z")
    (root / "to-pages").symlink_to(root / "pages")
    (root / "to-z").symlink_to(root / "z.txt")
    os.mkfifo(root / "pipe")


def test_a_listing_walks_as_os_walk_does_in_name_order_and_knows_each_entry(tmp_path):
    _tree(tmp_path)
    found = listing(tmp_path)
    walked = [(path, sorted(folders), sorted(files)) for path, folders, files in os.walk(tmp_path)]
    assert sorted(found.walk()) == sorted(walked)
    # Top-down, each folder's names sorted, a link to a folder listed but not entered.
    assert [path for path, _folders, _files in found.walk()] == [
        str(tmp_path),
        str(tmp_path / ".hidden"),
        str(tmp_path / "pages"),
        str(tmp_path / "pages" / "deeper"),
    ]
    assert dict(found.entries(str(tmp_path))) == {
        ".hidden": FOLDER,
        "pages": FOLDER,
        "pipe": OTHER,
        "to-pages": LINK_TO_FOLDER,
        "to-z": LINK,
        "z.txt": FILE,
    }
    # A caller prunes as with os.walk.
    pruned = []
    for path, folders, _files in found.walk():
        folders[:] = [name for name in folders if not name.startswith(".")]
        pruned.append(path)
    assert str(tmp_path / ".hidden") not in pruned
    assert listing(tmp_path / "missing").entries(str(tmp_path / "missing")) is None


def test_a_listing_is_made_once_per_build_and_what_it_gives_worked_out_once_carried(tmp_path):
    _tree(tmp_path)
    counted = []

    def names():
        counted.append(1)
        return ("a",)

    with one_read_per_build():
        first = listing(tmp_path)
        assert listing(str(tmp_path) + "/") is first
        # A new process's build asks once; nothing is held for a next build.
        assert first.derived(("names",), names) == first.derived(("names",), names) == ("a",)
    assert counted == [1, 1]
    assert listing(tmp_path) is not first  # outside of a build, at every call
    # Carried to the next build of a warm process (KnownReads.keep), it works each out once.
    known = KnownReads([tmp_path])
    with one_read_per_build(known):
        carried = listing(tmp_path)
    counted.clear()
    with one_read_per_build(known):
        assert listing(tmp_path) is carried
        for _ in range(2):
            assert carried.derived(("names",), names) == ("a",)
    assert counted == [1]


def test_a_listing_holds_while_its_files_are_only_saved_again(tmp_path):
    _tree(tmp_path)
    found = listing(tmp_path)
    page = str(tmp_path / "pages" / "a.md")
    (tmp_path / "pages" / "a.md").write_text("saved again")
    assert found.survives([page])
    assert found.survives([str(tmp_path.parent / "elsewhere.md")])
    # Saved aside and renamed over the page: the name saved aside is gone again.
    assert found.survives([page, str(tmp_path / "pages" / ".a.md.swp")])
    (tmp_path / "pages" / "new.md").write_text("new")
    assert not found.survives([str(tmp_path / "pages" / "new.md")])
    (tmp_path / "pages" / "new.md").unlink()
    (tmp_path / "pages" / "b.md").unlink()
    assert not found.survives([str(tmp_path / "pages" / "b.md")])
    for changed in (tmp_path / "pages", tmp_path / "pages" / "deeper", tmp_path / "to-z", tmp_path, tmp_path.parent):
        assert not found.survives([str(changed)]), changed


def test_a_warm_process_carries_a_listing_until_a_file_is_added(tmp_path):
    _tree(tmp_path)
    known = KnownReads([tmp_path])
    with one_read_per_build(known):
        first = listing(tmp_path)
    (tmp_path / "pages" / "a.md").write_text("saved again")
    known.forget([tmp_path / "pages" / "a.md"])
    with one_read_per_build(known):
        assert listing(tmp_path) is first
    (tmp_path / "pages" / "new.md").write_text("new")
    known.forget([tmp_path / "pages" / "new.md"])
    with one_read_per_build(known):
        again = listing(tmp_path)
    assert again is not first
    assert "new.md" in dict(again.entries(str(tmp_path / "pages")))


def test_an_output_is_taken_over_only_if_the_live_generation_holds_it(tmp_path, monkeypatch):
    live, staging = tmp_path / "live", tmp_path / "staging"
    (live / "en").mkdir(parents=True)
    staging.mkdir()
    (live / "en" / "kept.html").write_text("kept")
    # "gone.html" was recorded, then removed from the live generation by hand.
    with open(fingerprints_path(str(live)), "w", encoding="utf-8") as record:
        record.write("a + en/kept.html\nb + en/gone.html\n")
    settings = {"SITE_OUTPUT_PREVIOUS": str(live), "SITE_OUTPUT_KEEP_FINGERPRINTS": True}
    looked = []
    isfile = os.path.isfile
    monkeypatch.setattr(os.path, "isfile", lambda path: looked.append(os.path.basename(path)) or isfile(path))
    writer = OutputWriter(str(staging), settings=settings)
    assert writer.take_over("en/kept.html", "a")
    assert not writer.take_over("en/gone.html", "b")
    assert not writer.take_over("en/kept.html", "changed")
    assert looked == ["kept.html", "gone.html"]
    # Told what the live generation holds (the preview filled it), the writer looks only for the others.
    looked.clear()
    writer = OutputWriter(str(staging), settings=settings)
    writer.live_files = {"en/kept.html": (1, 4)}
    assert writer.take_over("en/kept.html", "a")
    assert not writer.take_over("en/gone.html", "b")
    assert looked == ["gone.html"]
    writer.close()
