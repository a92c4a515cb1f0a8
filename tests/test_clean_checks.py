"""Checks found clean are remembered from one build to the next; a source with a problem is always checked."""

import subprocess
import sys

import pytest

from conftest import REPO, build
from content_safety import CleanChecks
from site_build import BuildFailed


def test_a_clean_check_is_not_run_again_for_the_same_inputs(tmp_path):
    memory = tmp_path / "checks" / "pages.clean"
    runs = []

    def clean():
        runs.append("clean")
        return []

    def faulty():
        runs.append("faulty")
        return ["a problem"]

    first = CleanChecks(str(memory))
    assert first.run(clean, "page", b"<p>text</p>") == []
    assert first.run(faulty, "page", b"<script></script>") == ["a problem"]
    first.save()
    again = CleanChecks(str(memory))
    assert again.run(clean, "page", b"<p>text</p>") == []
    assert again.run(faulty, "page", b"<script></script>") == ["a problem"]
    assert again.run(clean, "page", b"<p>other text</p>") == []
    assert runs == ["clean", "faulty", "faulty", "clean"]


def test_without_a_cache_a_clean_check_is_remembered_only_by_the_process(tmp_path):
    runs = []
    page = f"<p>{tmp_path}</p>".encode()  # inputs no other test of this process checks
    for _ in range(2):
        memory = CleanChecks(None)
        memory.run(lambda: runs.append("clean") or [], "page", page)
        memory.run(lambda: runs.append("faulty") or ["a problem"], "page", page + b"<script></script>")
        memory.save()
    assert runs == ["clean", "faulty", "faulty"] and not list(tmp_path.iterdir())
    # A new process (an editor's next build without a cache) checks again.
    script = (
        "from content_safety import CleanChecks\n"
        "runs = []\n"
        f"CleanChecks(None).run(lambda: runs.append(1) or [], 'page', {page!r})\n"
        "print(len(runs))\n"
    )
    printed = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO / "plugins", capture_output=True, text=True, check=True
    ).stdout
    assert printed.strip() == "1"


def test_a_page_found_clean_then_edited_is_checked_again(site_copy, tmp_path):
    cache = str(tmp_path / "cache")
    build(site_copy, tmp_path / "output", CACHE_PATH=cache)
    assert list((tmp_path / "cache" / "checks").glob("*.clean"))
    source = site_copy / "content" / "pages" / "structure.en.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(site_copy, tmp_path / "output", CACHE_PATH=cache)
    assert any(problem.path == "content/pages/structure.en.md" for problem in failed.value.problems)
    # Remembered or not, the same sources give the same problems.
    with pytest.raises(BuildFailed) as unremembered:
        build(site_copy, tmp_path / "fresh")
    assert failed.value.problems == unremembered.value.problems
