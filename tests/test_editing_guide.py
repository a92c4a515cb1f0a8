"""The editor's guide is followed literally, recipe by recipe, in a copy of the repository.

A recipe is a section whose heading starts with "Рецепта" / "Recipe". In it:
- a code block after a paragraph ending in a file path and a colon writes that
  file ("добавете в края на" / "add at the end of" appends to it instead);
- an ``sh`` block runs its commands in order (``invoke`` is this project's);
- a ``text`` block right after an ``sh`` block lists lines its output must contain
  (the command may then fail: it shows an error on purpose);
- a paragraph that says to copy photos ("Копирайте снимк…" / "Copy the photo…")
  names them as `content/images/….jpg`: a phone photo (with its GPS position) is
  put at each, and no published image may keep any of its metadata.
Every recipe ends with ``invoke check --strict``, the check of the public site,
which must pass: what a recipe teaches can be published as it is. After each
recipe, every page or record title it wrote appears in the built site.
"""

import gc
import re
import shutil
import subprocess
import sys

import pytest
from PIL import Image

from conftest import REPO
from editor_commands import editor_environment, invoke_here
from images_fixtures import photo
from site_checks import PristineTree

GUIDES = ["docs/editing.bg.md", "docs/editing.en.md"]
BLOCK = re.compile(r"```(?P<kind>[a-z]*)\n(?P<body>.*?)```", re.S)
PATH_BEFORE = re.compile(r"`(?P<path>(?:content|data)/[^`]+)`[^`]*:\s*$")
APPEND_WORDS = ("в края на", "at the end of")
STRICT_CHECK = "invoke check --strict"
PHOTO_WORDS = ("Копирайте снимк", "Copy the photo")
PHOTO_PATH = re.compile(r"`(content/images/[^`]+\.jpe?g)`")


def recipes(guide):
    text = (REPO / guide).read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    return [section for section in sections if section.startswith(("Рецепта", "Recipe"))]


def steps(section):
    """Yield (kind, body, path, append) for each code block of a recipe, in order."""
    position = 0
    for match in BLOCK.finditer(section):
        before = section[position : match.start()].rstrip()
        position = match.end()
        last_paragraph = before.split("\n\n")[-1]
        found = PATH_BEFORE.search(last_paragraph)
        append = any(word in last_paragraph for word in APPEND_WORDS)
        yield match.group("kind"), match.group("body"), found.group("path") if found else None, append


def photos_to_copy(section):
    """Return the photos a recipe tells the editor to copy into content/images/."""
    prose = BLOCK.sub("", section)
    return [
        path
        for paragraph in prose.split("\n\n")
        if any(word in paragraph for word in PHOTO_WORDS)
        for path in PHOTO_PATH.findall(paragraph)
    ]


def make_copy(tmp_path):
    root = tmp_path / "site"
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy(REPO / name, root / name)
    for folder in ("plugins", "themes", "translations"):
        (root / folder).symlink_to(REPO / folder)
    return root


@pytest.fixture(scope="module")
def warm_copy(tmp_path_factory):
    """A copy of the repository whose caches one build has filled, in this process's folder for the recipes.

    The build's caches (parsed Markdown, the memory of clean checks, compiled
    templates) are keyed by the copy's folder too, so the recipes run in that
    folder; output/ is left out, as in a fresh clone.
    """
    root = make_copy(tmp_path_factory.mktemp("guide"))
    status, printed = invoke_here(root, "build")
    assert status == 0, printed
    for name in ("output", ".output.lock"):
        (root / name).unlink()
    shutil.rmtree(root / ".output.generations")
    assert not [path.name for path in root.iterdir() if "output" in path.name]
    pristine = PristineTree(root, root.parent / "pristine")
    # Putting the copy back waits for the cycle collector to free the commands' content caches (closed_state):
    # with the objects this process holds now left out of its collections, it walks only the recipes' own.
    gc.collect()
    gc.freeze()
    yield pristine
    gc.unfreeze()


@pytest.fixture
def site(warm_copy):
    """The copy of the repository as warm_copy left it, without output/ (only what changed is put back)."""
    warm_copy.restore()
    return warm_copy.root


def run(root, line, in_a_process=False):
    command = line.split()
    assert command[0] == "invoke", f"the guide runs only invoke commands, not: {line}"
    # shlex would also work; quotes in the guide only wrap one argument each.
    args = re.findall(r'"[^"]*"|\S+', line)[1:]
    args = [arg.strip('"') for arg in args]
    # As an editor runs it: without $THRACE_LANG, so in Bulgarian unless the guide says --lang en.
    # In this process (editor_commands.invoke_here) but for the first recipe of the first guide (REAL_PROCESS).
    if in_a_process:
        return subprocess.run(
            [sys.executable, "-m", "invoke", *args], cwd=root, capture_output=True, text=True, env=editor_environment()
        )
    status, printed = invoke_here(root, *args)
    return subprocess.CompletedProcess(args, status, stdout=printed, stderr="")


def titles_written(root, path):
    text = (root / path).read_text(encoding="utf-8")
    if path.endswith(".md"):
        match = re.search(r"^Title:\s*(.+)$", text, re.M)
        return [match.group(1).strip()] if match and match.group(1).strip() else []
    return [m.group(1).strip().strip('"') for m in re.finditer(r"^\s+bg:\s*(.+)$", text, re.M)][:1]


# The recipe whose commands run as real processes: their exit status as the shell sees it, and nothing
# printed by an exception that escaped. The first recipe is the same in both guides, so once is enough.
REAL_PROCESS = (GUIDES[0], 0)
CASES = [(guide, index) for guide in GUIDES for index in range(len(recipes(guide)))]


@pytest.mark.parametrize("guide,index", CASES, ids=[f"{g.split('.')[1]}-recipe-{i + 1}" for g, i in CASES])
def test_recipe_works_as_written(guide, index, site):
    root = site
    section = recipes(guide)[index]
    written = []
    pending = None
    photos = photos_to_copy(section)
    for path in photos:
        photo(root / path, size=(2000, 1500))
    for kind, body, path, append in steps(section):
        if kind == "text" and pending is not None:
            for expected in body.strip().splitlines():
                assert expected.strip() in pending.stdout + pending.stderr, (expected, pending.stdout + pending.stderr)
            pending = None
            continue
        if pending is not None:
            assert pending.returncode == 0, pending.stdout + pending.stderr
            pending = None
        if kind == "sh":
            for line in body.strip().splitlines():
                if pending is not None:
                    assert pending.returncode == 0, pending.stdout + pending.stderr
                pending = run(root, line.strip(), in_a_process=(guide, index) == REAL_PROCESS)
        elif path:
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if append:
                with open(target, "a", encoding="utf-8") as handle:
                    handle.write(body)
            else:
                target.write_text(body, encoding="utf-8")
            written.append(path)
    if pending is not None:
        assert pending.returncode == 0, pending.stdout + pending.stderr
    assert written, "a recipe writes at least one file"
    commands = [
        line.strip()
        for kind, body, _path, _append in steps(section)
        if kind == "sh"
        for line in body.strip().splitlines()
    ]
    # Run above like every other command, so it passed: the recipe's result can be published.
    assert commands and commands[-1] == STRICT_CHECK, f"the recipe does not end with {STRICT_CHECK}"
    built = root / "output"
    if photos and not built.is_dir() and guide == GUIDES[0]:
        # The photo recipes end with the check, which publishes nothing: the site is built as the
        # preview would build it, so that what is published of the photos is checked. They are the
        # same in both guides (test_every_guide_has_the_same_recipes): built in the first only.
        status, printed = invoke_here(root, "build")
        assert status == 0, printed
    if not built.is_dir() or "wrong" in " ".join(written):
        return
    for published in (built / "images").rglob("*") if photos else ():
        if published.is_file():
            with Image.open(published) as image:
                assert not image.getexif() and "xmp" not in image.info, f"{published.name} keeps metadata"
    assert not any((built / path.removeprefix("content/")).exists() for path in photos), "an original was published"
    html = "\n".join(p.read_text(encoding="utf-8") for p in built.rglob("*.html"))
    for path in written:
        for title in titles_written(root, path):
            assert title in html, f"{title!r} from {path} is not on the built site"


def test_every_guide_has_the_same_recipes():
    assert len(recipes(GUIDES[0])) == len(recipes(GUIDES[1])) >= 9
    assert [len(photos_to_copy(section)) for section in recipes(GUIDES[0])] == [
        len(photos_to_copy(section)) for section in recipes(GUIDES[1])
    ]
    # The photo recipes, built in the first guide only, are the same in the other.
    photo_recipes = [
        [list(steps(section)) for section in recipes(guide) if photos_to_copy(section)] for guide in GUIDES
    ]
    assert photo_recipes[0] and photo_recipes == [photo_recipes[0]] * len(GUIDES)
    # The recipe run as real processes in one guide only runs the same commands in the other.
    guide, index = REAL_PROCESS
    assert [
        [body for kind, body, _path, _append in steps(recipes(other)[index]) if kind == "sh"] for other in GUIDES
    ] == [[body for kind, body, _path, _append in steps(recipes(guide)[index]) if kind == "sh"]] * len(GUIDES)
