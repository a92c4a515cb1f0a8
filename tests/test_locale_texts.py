"""What Babel makes is kept for the next build's process: its texts (dates, lists, language names), which then
loads no CLDR data, and the compiled catalogs, which it does not read again."""

import datetime
import pickle
import subprocess
import sys
import zoneinfo

import pytest
from babel.dates import format_date, format_skeleton
from babel.messages.pofile import read_po

from conftest import REPO, build, write_tiny_site
from multilingual import cldr as cldr_module
from multilingual import localization
from multilingual.cldr import KEPT_FORMAT, KeptTexts, cldr
from multilingual.localization import compile_catalog

# Two builds of one tiny site with the cache: the first in a forked child, the second in this
# process, which has then loaded nothing but what the first kept. It prints the CLDR data Babel
# loaded and how many .po files the second build read to compile them.
TWO_BUILDS = """
import os, sys
import babel.localedata
from conftest import build
from multilingual import localization
root, cache = sys.argv[1], sys.argv[2]
child = os.fork()
if child == 0:
    build(root, os.path.join(root, "first"), CACHE_PATH=cache)
    os._exit(0)
assert os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 0
read = []
read_po = localization.read_po
localization.read_po = lambda *arguments, **options: read.append(1) or read_po(*arguments, **options)
build(root, os.path.join(root, "output"), CACHE_PATH=cache)
print(sorted(babel.localedata._cache), len(read))
"""


def test_a_new_process_uses_the_dates_and_catalogs_the_last_build_kept(tmp_path):
    root = write_tiny_site(tmp_path / "site")
    environment = {"PYTHONPATH": ":".join(str(REPO / name) for name in ("plugins", "tests", "."))}
    printed = subprocess.run(
        [sys.executable, "-c", TWO_BUILDS, str(root), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    ).stdout
    assert printed.splitlines()[-1] == "[] 0"
    news = (root / "output" / "novini" / "parvata-novina-na-sayta" / "index.html").read_text(encoding="utf-8")
    assert format_date(datetime.date(2026, 11, 20), "long", locale="bg_BG") in news
    with open(REPO / "translations" / "el" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        skip_link = read_po(handle).get("Skip to main content").string
    assert f">{skip_link}</a>" in (root / "output" / "el" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def texts(monkeypatch):
    """This process's texts, emptied for the test and as they were afterwards."""
    monkeypatch.setattr(cldr_module, "_TEXTS", {})
    return cldr_module._TEXTS


def _kept_file(path, header, texts):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps((header, texts)))


DAY = datetime.date(1903, 3, 3)
CALL = ("babel.dates.format_date", repr((DAY, "long")), repr([("locale", "bg_BG")]))


def test_a_kept_text_is_used_as_babel_wrote_it_and_saved_again_with_the_new_ones(texts, tmp_path):
    path = tmp_path / "locale" / "texts.pickle"
    _kept_file(path, KEPT_FORMAT, {CALL: "kept"})
    kept = KeptTexts(str(path))
    assert cldr(format_date, DAY, "long", locale="bg_BG") == "kept"
    assert cldr(format_date, DAY, "long", locale="en_GB") == "3 March 1903"
    kept.save()
    saved = pickle.loads(path.read_bytes())
    assert saved[0] == KEPT_FORMAT and set(saved[1]) == {CALL, (CALL[0], CALL[1], repr([("locale", "en_GB")]))}


@pytest.mark.parametrize(
    "content",
    [
        b"not a pickle",
        pickle.dumps((("cldr texts", 1, "0.1"), {CALL: "kept"})),  # another Babel's
        pickle.dumps((KEPT_FORMAT, {CALL: 3})),
        b"",
    ],
    ids=["damaged", "another Babel", "not text", "empty"],
)
def test_a_kept_file_babel_did_not_write_is_not_used(texts, tmp_path, content):
    path = tmp_path / "locale" / "texts.pickle"
    path.parent.mkdir()
    path.write_bytes(content)
    kept = KeptTexts(str(path))
    assert cldr(format_date, DAY, "long", locale="bg_BG") == format_date(DAY, "long", locale="bg_BG")
    kept.save()
    assert pickle.loads(path.read_bytes())[1] == {CALL: format_date(DAY, "long", locale="bg_BG")}


def test_the_same_moment_in_two_time_zones_is_two_texts(texts):
    sofia = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Sofia"))
    utc = sofia.astimezone(datetime.UTC)
    assert sofia == utc
    written = [cldr(format_skeleton, "Hm", moment, locale="bg_BG") for moment in (sofia, utc)]
    assert written == [format_skeleton("Hm", moment, locale="bg_BG") for moment in (sofia, utc)]
    assert written[0] != written[1]


def test_past_the_limit_only_what_the_build_used_is_kept(texts, tmp_path, monkeypatch):
    monkeypatch.setattr(cldr_module, "KEPT_TEXTS", 2)
    path = tmp_path / "locale" / "texts.pickle"
    old = {(CALL[0], repr((datetime.date(1900, 1, day), "long")), CALL[2]): "old" for day in (1, 2)}
    _kept_file(path, KEPT_FORMAT, old)
    kept = KeptTexts(str(path))
    cldr(format_date, DAY, "long", locale="bg_BG")
    kept.save()
    assert set(pickle.loads(path.read_bytes())[1]) == {CALL}


PO_FILE = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Search"
msgstr "{text}"
"""


@pytest.fixture
def compiled(monkeypatch):
    """This process's compiled catalogs, emptied for the test and as they were afterwards."""
    monkeypatch.setattr(localization, "_COMPILED", {})
    return localization._COMPILED


def test_a_kept_catalog_is_used_only_for_the_same_po_file(compiled, tmp_path):
    po = tmp_path / "messages.po"
    po.write_text(PO_FILE.format(text="Търсене"), encoding="utf-8")
    kept = tmp_path / "catalogs"
    assert compile_catalog(po, "bg_BG", str(kept)).gettext("Search") == "Търсене"
    assert [path.name for path in kept.iterdir()] == ["bg_BG.pickle"]
    compiled.clear()  # as in a new process
    po.write_text(PO_FILE.format(text="Намери"), encoding="utf-8")
    assert compile_catalog(po, "bg_BG", str(kept)).gettext("Search") == "Намери"
    compiled.clear()
    (kept / "bg_BG.pickle").write_bytes(b"damaged")
    assert compile_catalog(po, "bg_BG", str(kept)).gettext("Search") == "Намери"


def test_a_cache_folder_it_cannot_write_to_costs_the_build_only_the_saving(tiny_site, tmp_path):
    # Babel's texts and catalogs, the checks found clean, the bodies' facts and the data: a file stands
    # where each one's folder would go.
    cache = tmp_path / "cache"
    cache.mkdir()
    blocked = [cache / name for name in ("locale", "checks", "data")]
    for path in blocked:
        path.write_text("a file where the folder would go", encoding="utf-8")
    output = build(tiny_site, tmp_path / "output", CACHE_PATH=str(cache))
    assert (output / "index.html").is_file()
    assert all(path.is_file() for path in blocked)
    assert not list(cache.glob("**/*.tmp"))
