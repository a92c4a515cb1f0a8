"""site_output's digests of the input files: read once per build, the same for every step of it."""

import hashlib
import os

from site_output.reads import file_digest, front_matter_digest, one_read_per_build


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
