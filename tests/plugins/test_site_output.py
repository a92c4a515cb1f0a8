"""site_output's digests of the input files: read once per build, the same for every step of it."""

import hashlib
import os

from site_output import reads
from site_output.fingerprints import tree_digest
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
