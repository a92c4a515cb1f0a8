"""A rebuild renders only the pages whose inputs changed, and gives the bytes of a full build.

The site is a copy of the real one (its pages, menus, data, catalogs and theme
are what the fingerprints must cover), built once, then edited at random: a
page's text, a title the menus show, a news summary, a data record, a catalog
entry, a template. After each edit the rebuild, which takes unchanged pages over
from the live generation, must equal a build of the same sources from nothing.
"""

import random
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, build
from site_output import read_fingerprints

SEED = 14
TAKEN, MADE = "=", "+"


@pytest.fixture
def editable_site(tmp_path):
    """A copy of content/, data/, the catalogs and the theme, and the overrides that build it."""
    root = tmp_path / "site"
    for folder in ("content", "data", "translations"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(REPO / "themes" / "thrace", root / "theme")
    overrides = {
        "MULTILINGUAL_TRANSLATIONS_PATH": str(root / "translations"),
        "THEME": str(root / "theme"),
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    return root, overrides


def files(output):
    """Return {relative path: bytes} of every file of a build."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes() for path in Path(output).rglob("*") if path.is_file()
    }


def flags(output):
    """Return {relative path: made or taken over} of the live generation of ``output``."""
    return {name: flag for name, (_fingerprint, flag) in read_fingerprints(str(Path(output).resolve())).items()}


# Edits: each changes one file of the site at random and says what it did -----------------------


def _sources_with_text(root):
    return sorted(
        path
        for path in (root / "content").rglob("*.md")
        if re.search(r"\n[ \t]*\n\S", path.read_text(encoding="utf-8"))
    )


def edit_text(root, rng):
    source = rng.choice(_sources_with_text(root))
    source.write_text(
        source.read_text(encoding="utf-8") + f"\nA sentence added by edit {rng.random():.6f}.\n", encoding="utf-8"
    )
    return f"text of {source.name}"


def _replace_field(path, field, rng):
    text = path.read_text(encoding="utf-8")
    edited = re.sub(
        rf"^({field}: .+)$", lambda match: f"{match.group(1)} {rng.randint(10, 99)}", text, count=1, flags=re.M
    )
    path.write_text(edited, encoding="utf-8")
    return edited != text


def edit_title(root, rng):
    navigation = (root / "data" / "navigation.yaml").read_text(encoding="utf-8")
    keys = set(re.findall(r"^\s*-? ?(?:page: )?([a-z0-9-]+)$", navigation, flags=re.M))
    sources = sorted(path for path in (root / "content" / "pages").glob("*.md") if path.name.split(".")[0] in keys)
    source = rng.choice(sources)
    assert _replace_field(source, "Title", rng)
    return f"title of {source.name}, in the menus"


def edit_news_summary(root, rng):
    source = rng.choice(sorted((root / "content" / "news").glob("*.md")))
    assert _replace_field(source, "Summary", rng)
    return f"summary of {source.name}"


def edit_data_record(root, rng):
    # A plain one-line translated text: adding a word keeps the YAML and the record valid.
    candidates = []
    for path in sorted((root / "data").rglob("*.yaml")):
        if "schemas" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
            if re.fullmatch(r"\s+(bg|en|el|tr): [^\"'|>&*!{\[#@`%-][^#]*[^:\s]", line):
                candidates.append((path, number))
    path, number = rng.choice(candidates)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number] += f" {rng.randint(10, 99)}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"data {path.name}:{number + 1}"


def edit_catalog_entry(root, rng):
    lang = rng.choice(["en", "el", "tr"])
    catalog = root / "translations" / lang / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    entries = [match for match in re.finditer(r'^msgstr "([^"{}%]+)"$', text, flags=re.M)]
    entry = rng.choice(entries)
    catalog.write_text(text[: entry.end(1)] + f" {rng.randint(10, 99)}" + text[entry.end(1) :], encoding="utf-8")
    return f"catalog {lang}: {entry.group(1)!r}"


def edit_template(root, rng):
    template = rng.choice(sorted((root / "theme" / "templates").glob("*.html")))
    template.write_text(
        template.read_text(encoding="utf-8") + f"\n<!-- edit {rng.randint(10, 99)} -->\n", encoding="utf-8"
    )
    return f"template {template.name}"


EDITS = [edit_text, edit_title, edit_news_summary, edit_data_record, edit_catalog_entry, edit_template]


def test_random_edits_rebuild_to_the_bytes_of_a_full_build(editable_site, tmp_path):
    root, overrides = editable_site
    rng = random.Random(SEED)
    output = build(root, tmp_path / "output", **overrides)
    # Every kind of edit once, in a random order, with a text edit after every second one.
    kinds = rng.sample(EDITS, len(EDITS))
    sequence = [edit for index, kind in enumerate(kinds) for edit in ((kind, edit_text) if index % 2 else (kind,))]
    for step, edit in enumerate(sequence):
        what = edit(root, rng)
        build(root, output, **overrides)
        full = build(root, tmp_path / f"full-{step}", **overrides)
        rebuilt, expected = files(output), files(full)
        assert sorted(rebuilt) == sorted(expected), what
        differing = [name for name in expected if rebuilt[name] != expected[name]]
        assert not differing, f"after the edit of the {what}: {differing[:5]}"
        if edit is edit_text:
            assert TAKEN in flags(output).values(), what  # the rebuild rendered less than everything


def test_after_a_text_edit_only_that_pages_versions_are_rendered(editable_site, tmp_path):
    root, overrides = editable_site
    output = build(root, tmp_path / "output", **overrides)
    assert set(flags(output).values()) == {MADE}
    source = root / "content" / "pages" / "civic-participation.en.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nOne sentence more.\n", encoding="utf-8")
    build(root, output, **overrides)
    made = sorted(name for name, flag in flags(output).items() if flag == MADE)
    # The page in its four languages: the others show the English text's status (up to date or not).
    assert len(made) == 4 and all(name.endswith("index.html") for name in made), made
    assert "One sentence more." in (output / "en" / "civic-participation" / "index.html").read_text(encoding="utf-8")
    taken = [name for name, flag in flags(output).items() if flag == TAKEN]
    assert len(taken) > 100 and any(name.endswith(".ics") for name in taken)


def test_a_title_in_the_menus_renders_every_page_again(editable_site, tmp_path):
    root, overrides = editable_site
    output = build(root, tmp_path / "output", **overrides)
    source = root / "content" / "pages" / "structure.en.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Title: How we are structured", "Title: Our structure"),
        encoding="utf-8",
    )
    build(root, output, **overrides)
    assert set(flags(output).values()) == {MADE}
    assert ">Our structure<" in (output / "en" / "index.html").read_text(encoding="utf-8")
