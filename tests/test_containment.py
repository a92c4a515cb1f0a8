"""Files stay inside the repository, and input is bounded (plugins/content_safety, site_build).

Links, unpublishable file types and secrets under content/ or data/ stop the
build before Pelican reads anything, each with one ``path:line`` problem and a
fix; junk is skipped; oversized and deeply nested sources are refused before
they are parsed, quickly. Every attack of tests/fixtures/hostile, alone on a
copy of the real site, leaves the published folder as it was.
"""

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import REPO, build
from site_build import BuildFailed, check_site
from site_checks import assert_not_published, failed_build, problem_paths

REPO_FIXTURES = REPO / "tests" / "fixtures"
HOSTILE_PAGES = sorted((REPO_FIXTURES / "hostile" / "pages").glob("*.md"))
HOSTILE_FILES = REPO_FIXTURES / "hostile" / "files"
# What any of the attacks would leave in a published file.
PAYLOADS = (
    "alert(",
    "msgbox",
    "elsewhere.example",
    "phish.example",
    "video.example",
    "onclick",
    "DEPLOY_TOKEN",
    "position:fixed",
    "track.example",
    "<base",
    "data:image",
)
ATTACK_LINE = 5  # every hostile page carries its attack on line 5
TIME_LIMIT = 20  # seconds: generous, the machine is shared; unbounded parsing took minutes


def test_hostile_files_are_refused_before_the_build_reads_anything(site_copy, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("DEPLOY_TOKEN=from-outside\n", encoding="utf-8")
    shutil.copytree(HOSTILE_FILES, site_copy / "content", dirs_exist_ok=True)
    os.symlink("/proc/self/environ", site_copy / "content" / "documents" / "environ.txt")
    os.symlink(outside, site_copy / "content" / "documents" / "linked-folder")
    os.symlink(outside / "secret.txt", site_copy / "data" / "linked.yaml")
    with pytest.raises(BuildFailed) as failure:
        build(site_copy, site_copy / "output")
    message = str(failure.value)
    assert problem_paths(message) == sorted(
        [
            "content/documents/.env",
            "content/documents/environ.txt",
            "content/documents/evil.js",
            "content/documents/linked-folder",
            "content/documents/page.html",
            "content/documents/tool.exe",
            "content/images/drawing.svg",
            "data/linked.yaml",
        ]
    ), message
    assert "content/documents/environ.txt:1: this file is a link to '/proc/self/environ'" in message
    assert f"content/documents/linked-folder:1: this folder is a link to '{outside}'" in message
    assert "content/images/drawing.svg:1: a .svg file cannot be published — export the drawing as PNG" in message
    assert "content/documents/evil.js:1: a .js file cannot be published" in message
    assert not (site_copy / "output").exists()


def test_each_attack_alone_leaves_the_published_site_as_it_was(site_copy, tmp_path_factory, real_site):
    rebuild = failed_build(site_copy, real_site)  # the good build; each rebuild must fail and change nothing
    pages = site_copy / "content" / "pages"
    for source in HOSTILE_PAGES:
        target = pages / source.name
        shutil.copy(source, target)
        assert problem_paths(rebuild()) == [f"content/pages/{source.name}"]
        target.unlink()
    for source in sorted(path for path in HOSTILE_FILES.rglob("*") if path.is_file()):
        target = site_copy / "content" / source.relative_to(HOSTILE_FILES)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        assert problem_paths(rebuild()) == [target.relative_to(site_copy).as_posix()]
        target.unlink()
    environ = site_copy / "content" / "documents" / "environ.txt"
    os.symlink("/proc/self/environ", environ)
    assert problem_paths(rebuild()) == ["content/documents/environ.txt"]
    environ.unlink()
    assert_not_published(site_copy / "output", PAYLOADS)


def test_dotfiles_backups_and_os_junk_are_not_published(tiny_site):
    documents = tiny_site / "content" / "documents"
    documents.mkdir(exist_ok=True)
    (documents / "report.pdf").write_bytes(b"%PDF-1.4 report")
    junk = [".DS_Store", "Thumbs.db", "desktop.ini", "report.pdf~", "report.pdf.bak", ".report.pdf.swp", ".hidden.pdf"]
    for name in junk:
        (documents / name).write_bytes(b"junk")
    output = build(tiny_site, tiny_site / "output")
    published = {path.name for path in output.rglob("*")}
    assert "report.pdf" in published
    assert not published & set(junk)


# Bounded input -----------------------------------------------------------------------------------

NESTED_YAML = "site:\n" + "".join("  " * depth + "  a:\n" for depth in range(1, 200))


@pytest.mark.parametrize(
    ("relative", "text", "expected"),
    [
        (
            "content/pages/brackets.bg.md",
            "Title: Скоби\n\n" + "[" * (1024 * 1024 - 20),
            "content/pages/brackets.bg.md:3: brackets",
        ),
        (
            "content/pages/lists.bg.md",
            "Title: Списъци\n\n" + "".join("    " * depth + "- точка\n" for depth in range(200)),
            "content/pages/lists.bg.md:27: lists inside lists go deeper than 24 levels",
        ),
        (
            "content/pages/quotes.bg.md",
            "Title: Цитати\n\n" + "> " * 100000 + "цитат\n",
            "content/pages/quotes.bg.md:3: quotes",
        ),
        (
            "content/pages/marks.bg.md",
            "Title: Знаци\n\n" + "*_" * 400000 + "\n",
            "content/pages/marks.bg.md:3: from this paragraph on, the text holds too many formatting marks",
        ),
        (
            "content/pages/large.bg.md",
            "Title: Голяма\n\n" + "дума " * 200000,
            "content/pages/large.bg.md:1: the file is 1757 KB, over the limit of 1 MB for a source",
        ),
        (
            "data/site.yaml",
            "name: " + "[" * 500000 + "\n",
            "data/site.yaml:1: brackets ('[' or '{') inside brackets go deeper than 24 levels",
        ),
        ("data/site.yaml", NESTED_YAML, "data/site.yaml:25: indented blocks inside blocks go deeper than 24 levels"),
    ],
    ids=[
        "nested-brackets",
        "nested-list",
        "nested-quotes",
        "formatting-marks",
        "over-1-MB",
        "yaml-flow",
        "yaml-blocks",
    ],
)
def test_hostile_input_is_refused_quickly_with_the_limit(site_copy, relative, text, expected):
    (site_copy / relative).write_text(text, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(BuildFailed) as failure:
        build(site_copy, site_copy / "output")
    elapsed = time.monotonic() - started
    assert expected in str(failure.value)
    assert elapsed < TIME_LIMIT, f"refusing {relative} took {elapsed:.1f} s"


def test_a_yaml_alias_bomb_is_refused_quickly(site_copy):
    bomb = ["name: &a0 [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    (site_copy / "data" / "site.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(BuildFailed) as failure:
        build(site_copy, site_copy / "output")
    assert "data/site.yaml:2: a YAML alias (*name) repeats another part of the file" in str(failure.value)
    assert time.monotonic() - started < TIME_LIMIT


def test_the_size_limit_is_a_setting(site_copy):
    with pytest.raises(BuildFailed) as failure:
        build(site_copy, site_copy / "output", CONTENT_SAFETY_MAX_SOURCE_BYTES=2048)
    assert re.search(
        r"content/pages/\S+\.md:1: the file is \d+ KB, over the limit of 2 KB for a source", str(failure.value)
    )


def test_check_reports_the_same_problems_without_building(site_copy):
    shutil.copy(HOSTILE_PAGES[0], site_copy / "content" / "pages" / HOSTILE_PAGES[0].name)
    (site_copy / "content" / "documents").mkdir(exist_ok=True)
    overrides = {
        "PATH": str(site_copy / "content"),
        "SITE_DATA_PATH": str(site_copy / "data"),
        "MULTILINGUAL_TRANSLATIONS_PATH": str(REPO / "translations"),
    }
    problems = check_site(REPO / "pelicanconf.py", overrides)
    assert [f"{p.path}:{p.line}" for p in problems if p.severity == "error"] == [
        f"content/pages/{HOSTILE_PAGES[0].name}:{ATTACK_LINE}"
    ]
    shutil.copy(HOSTILE_FILES / "documents" / "evil.js", site_copy / "content" / "documents" / "evil.js")
    problems = check_site(REPO / "pelicanconf.py", overrides)
    assert [f"{p.path}:{p.line}" for p in problems] == ["content/documents/evil.js:1"]
    assert Path(site_copy / "output").exists() is False
