"""The translation-status mechanism: fingerprints of pages and data records."""

import json
import os
import shutil

import pytest

from conftest import REPO, build, read_html
from editor_commands import invoke_here_apart
from multilingual.translation_status import fingerprint, page_statuses, recorded_fingerprint, with_fingerprint
from site_checks import replace
from site_data import DataOptions, load_site_data
from site_data.translations import record_fingerprint, record_status, with_translated_from

SOURCE = "Title: Обучения\nSummary: Кратко описание.\nTemplate: page\n\nПърви абзац.\n\nВтори абзац.\n"


def test_fingerprint_ignores_whitespace_and_front_matter_order():
    reordered = (
        "Template: page\nSummary:   Кратко  описание.\nTitle: Обучения\n\nПърви\n абзац.\n\n\n\nВтори абзац.   \n"
    )
    assert fingerprint(reordered) == fingerprint(SOURCE)


@pytest.mark.parametrize(
    "changed",
    [
        SOURCE.replace("Обучения", "Обучението"),
        SOURCE.replace("Кратко описание.", "Друго описание."),
        SOURCE.replace("Втори абзац.", "Втори абзац, променен."),
    ],
)
def test_fingerprint_changes_with_the_wording(changed):
    assert fingerprint(changed) != fingerprint(SOURCE)


def test_fingerprint_ignores_fields_a_translator_does_not_translate():
    assert fingerprint(SOURCE.replace("Template: page\n", "Template: page\nSlug: obuchenia\n")) == fingerprint(SOURCE)


def test_with_fingerprint_adds_then_replaces_the_line():
    translation = "Title: Training\n\nText.\n"
    once = with_fingerprint(translation, "aaaaaaaaaaaa")
    assert recorded_fingerprint(once) == "aaaaaaaaaaaa"
    twice = with_fingerprint(once, "bbbbbbbbbbbb")
    assert recorded_fingerprint(twice) == "bbbbbbbbbbbb"
    assert twice.count("Source-Fingerprint") == 1
    assert twice.endswith("\n\nText.\n")


def _pages(tmp_path, files):
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    for name, text in files.items():
        (pages / name).write_text(text, encoding="utf-8")
    return page_statuses(tmp_path / "content", ["bg", "en", "el", "tr"], "bg", tmp_path)


def test_page_statuses_translated_outdated_missing(tmp_path):
    current = with_fingerprint("Title: Training\n\nFirst.\n", fingerprint(SOURCE))
    old = with_fingerprint("Title: Training\n\nFirst.\n", "000000000000")
    draft = "Title: \nStatus: draft\n\n"
    [status] = _pages(
        tmp_path,
        {"trainings.bg.md": SOURCE, "trainings.en.md": current, "trainings.el.md": old, "trainings.tr.md": draft},
    )
    assert list(status.translated) == ["en"]
    assert list(status.outdated) == ["el"]
    assert status.missing == ["tr"]


def test_page_without_fingerprint_is_outdated(tmp_path):
    [status] = _pages(tmp_path, {"a.bg.md": SOURCE, "a.en.md": "Title: A\n\nText.\n"})
    assert list(status.outdated) == ["en"]
    assert status.missing == ["el", "tr"]


def _partners(tmp_path, text):
    data = tmp_path / "data"
    (data / "schemas").mkdir(parents=True, exist_ok=True)
    (data / "schemas" / "partners.yaml").write_bytes((REPO / "data/schemas/partners.yaml").read_bytes())
    (data / "partners.yaml").write_text(text, encoding="utf-8")
    options = DataOptions(("bg", "en", "el", "tr"), "bg", str(tmp_path / "content"), "Europe/Sofia")
    site_data, problems = load_site_data(data, options)
    assert [p for p in problems if p.severity == "error"] == []
    return site_data["partners"]


PARTNERS = """\
# A comment that must survive.
- id: one
  name:
    bg: Първи
    en: First
    el: Πρώτος
  country: TR
- id: two
  name:
    bg: Втори
  country: GR
"""


def test_data_record_status_and_marking(tmp_path):
    one, two = _partners(tmp_path, PARTNERS)
    assert record_status(one, "en") == "outdated"  # translated, but never marked
    assert record_status(one, "tr") == "missing"
    assert record_status(two, "en") == "missing"
    text = with_translated_from(PARTNERS, one, ["en", "el"])
    assert text.startswith("# A comment that must survive.\n")
    (tmp_path / "data" / "partners.yaml").write_text(text, encoding="utf-8")
    one, two = _partners(tmp_path, text)
    assert record_status(one, "en") == "translated"
    assert record_status(one, "el") == "translated"
    # Reformatting the Bulgarian text does not make the translation outdated...
    spaced = text.replace("bg: Първи", "bg:   Първи  ")
    one, _two = _partners(tmp_path, spaced)
    assert record_status(one, "en") == "translated"
    # ...changing its wording does.
    reworded = text.replace("bg: Първи", "bg: Първият")
    one, _two = _partners(tmp_path, reworded)
    assert record_status(one, "en") == "outdated"
    assert record_fingerprint(one) != one["translated_from"]["en"]


@pytest.fixture(scope="module")
def outdated_site(tmp_path_factory):
    """A copy of the real site whose Bulgarian texts changed after their translations, built once.

    Two changes that touch different pages: the services page, and one training
    and its kind (data); each test below checks the notes of one of them.
    """
    root = tmp_path_factory.mktemp("outdated")
    for folder in ("content", "data"):
        shutil.copytree(REPO / folder, root / folder)
    source = root / "content/pages/services.bg.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nНов абзац.\n", encoding="utf-8")
    replace(
        root,
        "data/trainings/example-2027-02-current-issues.yaml",
        "  bg: Примерен запис",
        "  bg: Променен примерен запис",
    )
    replace(root, "data/training_kinds.yaml", "    bg: Насочени", "    bg: Вече насочени")
    return build(root, root / "out")


def test_outdated_translation_shows_a_note_linking_to_the_original(outdated_site):
    output = outdated_site
    english = read_html(output / "en/services-for-municipalities/index.html")
    note = english.select_one(".th-notice")
    assert note is not None and note.find("a", hreflang="bg")["href"] == "/uslugi-za-obshtinite/"
    bulgarian = read_html(output / "uslugi-za-obshtinite/index.html")
    assert bulgarian.select_one(".th-notice") is None
    current = read_html(output / "en/training/index.html")
    assert current.select_one(".th-notice") is None


def test_an_outdated_data_translation_shows_the_note_on_its_page(outdated_site):
    # The Bulgarian texts of one training and of one kind changed; their translations did not.
    output = outdated_site
    pages = {path.relative_to(output).as_posix(): read_html(path) for path in sorted(output.rglob("index.html"))}
    noted = {
        relative
        for relative, soup in pages.items()
        if soup.select_one("main .th-notice") is not None
        and soup.select_one("main .th-notice a[hreflang=bg]") is not None
    }
    changed = {
        relative for relative in noted if "calendar" in relative or "imerologio" in relative or "takvim" in relative
    }
    for lang, calendar in (
        ("en", "en/training-calendar/"),
        ("el", "el/imerologio-epimorfoseon/"),
        ("tr", "tr/egitim-takvimi/"),
    ):
        mine = {relative for relative in changed if relative.startswith(calendar)}
        assert len(mine) == 2, (lang, mine)  # the training's page and its kind's page
    assert not any(relative.startswith("kalendar-na-obucheniyata/") for relative in noted), (
        "the Bulgarian pages are current"
    )
    kind_page = next(relative for relative in changed if relative.startswith("en/") and "current-issues/" in relative)
    note_link = pages[kind_page].select_one("main .th-notice a[hreflang=bg]")["href"]
    assert note_link == "/kalendar-na-obucheniyata/obuchenia-po-tekushti-problemi/"


def test_i18n_done_then_status_reports_translated(site_copy):
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        (site_copy / name).write_bytes((REPO / name).read_bytes())
    for folder in ("plugins", "themes", "translations"):
        (site_copy / folder).symlink_to(REPO / folder)
    source = site_copy / "content/pages/services.bg.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nНов абзац.\n", encoding="utf-8")
    # In this process (editor_commands.invoke_here_apart), with this test's environment.
    environment = dict(os.environ)
    code, stdout, stderr = invoke_here_apart(site_copy, "i18n-status", env=environment)
    assert code == 0, stdout + stderr
    assert "outdated  content/pages/services.en.md" in stdout
    code, stdout, stderr = invoke_here_apart(
        site_copy, "i18n-done", "--path", "content/pages/services.en.md", env=environment
    )
    assert code == 0, stdout + stderr
    code, stdout, stderr = invoke_here_apart(site_copy, "i18n-status", "--format", "json", env=environment)
    assert code == 0, stdout + stderr
    [services] = [page for page in json.loads(stdout)["pages"] if page["key"] == "services"]
    assert services["translated"]["en"] == "content/pages/services.en.md"
    assert "en" not in services["outdated"]


def test_the_build_fingerprints_the_bytes_as_a_text_file_reads_them(tmp_path):
    from multilingual.generator import _translation_fingerprint

    for text in ["Title: A\r\nSummary: b\r\n\r\nBody\rmore\n", "\ufeffTitle: Б\n\nТекст\r\n", "Title: x\r", ""]:
        path = tmp_path / "source.bg.md"
        path.write_bytes(text.encode("utf-8"))
        with open(path, encoding="utf-8") as handle:
            assert _translation_fingerprint(path.read_bytes()) == fingerprint(handle.read()), repr(text)
