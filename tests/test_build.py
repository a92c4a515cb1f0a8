"""The build as a whole: atomic, reproducible, and its data validator on small YAML texts."""

import gc
from pathlib import Path

import pytest
from pelican import signals
from pelican.settings import read_settings

from conftest import REPO, build, source_settings
from multilingual.model import FeatureError
from site_build import BuildFailed, check_site
from site_data.schema import FieldSpec, RecordChecker
from site_data.values import Localized
from site_data.yaml_lines import YamlSyntaxError, load_yaml

LANGUAGES = ("bg", "en", "el", "tr")


def files(output):
    """Return every file of a built site with its bytes."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(Path(output).rglob("*"))
        if path.is_file()
    }


def leftovers(folder):
    """Return what a build may leave beside the output folder: staging or retired copies."""
    return sorted(path.name for path in Path(folder).iterdir() if path.name.startswith((".build-", ".retired-")))


def break_the_site(root):
    """Make one editor's mistake: a translation without its Bulgarian original."""
    (root / "content" / "pages" / "orphan.en.md").write_text("Title: Orphan\n\nText.\n", encoding="utf-8")


# Atomic --------------------------------------------------------------------------------------


def test_failed_build_leaves_the_output_as_it_was_and_nothing_beside_it(tiny_site):
    output = tiny_site / "public" / "output"
    build(tiny_site, output)
    before = files(output)
    assert "index.html" in before and "en/index.html" in before
    break_the_site(tiny_site)
    with pytest.raises(BuildFailed, match=r"content/pages/orphan\.en\.md:1:"):
        build(tiny_site, output)
    assert files(output) == before
    assert leftovers(output.parent) == []
    # Beside it only the link's generations and the build lock (see plugins/site_build/publish.py).
    assert sorted(path.name for path in output.parent.iterdir()) == [".output.generations", ".output.lock", "output"]
    # One generation, the record of its pages' fingerprints (plugins/site_output) and its size.
    assert sorted(path.name for path in (output.parent / ".output.generations").iterdir()) == [
        "000001",
        "000001.fingerprints",
        "000001.size",
    ]


def test_failed_first_build_creates_no_output(tiny_site):
    output = tiny_site / "public" / "output"
    break_the_site(tiny_site)
    with pytest.raises(BuildFailed):
        build(tiny_site, output)
    assert not output.exists()
    assert leftovers(output.parent) == []


def test_successful_rebuild_replaces_the_output_and_leaves_nothing_beside_it(tiny_site):
    output = tiny_site / "public" / "output"
    build(tiny_site, output)
    stale = output / "stale-file-from-an-old-build.html"
    stale.write_text("old", encoding="utf-8")
    build(tiny_site, output)
    assert not stale.exists(), "the output must be the new build, not the old one with files added"
    assert (output / "index.html").is_file()
    assert leftovers(output.parent) == []


def test_a_build_or_check_leaves_the_cycle_collector_as_it_found_it(tiny_site):
    # A build leaves out of its collections what was alive before it; the preview builds for
    # hours in one process, and must still free the cycles its earlier builds left.
    before = (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled())
    build(tiny_site, tiny_site / "output")
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before
    break_the_site(tiny_site)
    with pytest.raises(BuildFailed):
        build(tiny_site, tiny_site / "output")
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before
    assert check_site(REPO / "pelicanconf.py", source_settings(tiny_site)), "the broken site's problems"
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before


def test_a_build_collects_cycles_even_in_a_command_that_turned_the_collector_off(tiny_site):
    # `invoke build` turns the collector off while it imports the build (tasks.py); the build,
    # which makes cycles, turns it on once it has frozen what was there, and off again at its end.
    collecting = []

    def started(pelican):
        collecting.append(gc.isenabled())

    gc.disable()
    signals.initialized.connect(started)
    try:
        build(tiny_site, tiny_site / "output")
        assert collecting == [True]
        assert not gc.isenabled()
    finally:
        signals.initialized.disconnect(started)
        gc.enable()


def test_what_a_build_read_is_left_out_of_the_collections_of_its_rendering(tiny_site):
    # As in the preview's process and in `invoke build`'s: nothing frozen before the build. The
    # content objects and the model, read once, live until the build ends; rendering does not walk them.
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    counts = {}

    def started(pelican):
        counts["started"] = gc.get_freeze_count()

    def rendering(pelican):
        counts["rendering"] = gc.get_freeze_count()

    signals.initialized.connect(started)
    signals.get_writer.connect(rendering)
    try:
        build(tiny_site, tiny_site / "output")
        assert counts["rendering"] > counts["started"] > 0
        assert gc.get_freeze_count() == 0, "thawed when the build ends"
    finally:
        signals.initialized.disconnect(started)
        signals.get_writer.disconnect(rendering)
        if frozen:
            gc.freeze()


# Reproducible ---------------------------------------------------------------------------------


def test_two_builds_of_the_same_sources_are_byte_identical(tiny_site):
    first = files(build(tiny_site, tiny_site / "first"))
    second = files(build(tiny_site, tiny_site / "second"))
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert len(first) > 40


# The data validator ------------------------------------------------------------------------


def check(text, **fields):
    """Validate a one-record YAML text against the given fields; return (record, problems)."""
    checker = RecordChecker("data/example.yaml", LANGUAGES, "bg", None, "Europe/Sofia")
    specs = {name: FieldSpec(name=name, type=kind) for name, kind in fields.items()}
    record = checker.check_fields(load_yaml(text, "data/example.yaml"), specs, 1)
    return record, checker.problems


def test_duplicate_key_in_one_mapping_is_an_error_with_its_line():
    text = "name:\n  bg: Тракия\n  en: Thrace\n  bg: Тракия 2\n"
    with pytest.raises(YamlSyntaxError) as error:
        load_yaml(text, "data/site.yaml")
    problem = error.value.problem
    assert (problem.path, problem.line) == ("data/site.yaml", 4)
    assert "'bg'" in problem.message and "twice" in problem.message
    assert str(problem).startswith("data/site.yaml:4: ")


def test_the_same_key_in_two_mappings_is_fine():
    value = load_yaml("name:\n  bg: Тракия\nshort_name:\n  bg: РАО\n", "data/site.yaml")
    assert value["name"]["bg"] == "Тракия" and value["short_name"]["bg"] == "РАО"


@pytest.mark.parametrize(
    "word", ["no", "yes", "on", "off", "No", "YES", "y", "n", "true", "1_000", "0o17", "2005-12-10"]
)
def test_yaml_1_1_words_stay_text(word):
    value = load_yaml(f"answer: {word}\n", "data/example.yaml")
    assert value["answer"] == word
    assert isinstance(value["answer"], str)


def test_an_empty_value_is_none():
    assert load_yaml("answer:\nother: ~\n", "data/example.yaml") == {"answer": None, "other": None}


@pytest.mark.parametrize("word", ["no", "yes", "on", "Norway"])
def test_a_string_field_keeps_no_yes_on_as_written(word):
    record, problems = check(f"country: {word}\n", country="string")
    assert problems == []
    assert record["country"] == word


@pytest.mark.parametrize("word", ["yes", "no", "on", "off"])
def test_a_boolean_field_does_not_guess_from_yes_no(word):
    record, problems = check(f"published: {word}\n", published="boolean")
    assert "published" not in record
    assert len(problems) == 1
    assert problems[0].line == 1
    assert "write true or false" in problems[0].fix


def test_text_field_as_a_plain_string_asks_for_one_text_per_language():
    record, problems = check("id: polis\nname: Мрежа на общини „Полис“\n", id="id", name="text")
    assert "name" not in record
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.severity) == ("data/example.yaml", 2, "error")
    assert "must give the text per language" in problem.message
    assert "bg: …, en: …, el: …, tr: …" in problem.fix


def test_text_field_per_language_is_localized():
    record, problems = check("name:\n  bg: Тракия\n  en: Thrace\n  el: Θράκη\n  tr: Trakya\n", name="text")
    assert problems == []
    assert isinstance(record["name"], Localized)
    assert record["name"].in_lang("el") == ("Θράκη", "el")


def test_text_field_missing_a_translation_warns_and_falls_back_to_bulgarian():
    record, problems = check("name:\n  bg: Тракия\n  en: Thrace\n", name="text")
    assert [p.severity for p in problems] == ["warning", "warning"]
    assert record["name"].in_lang("tr") == ("Тракия", "bg")


def test_a_feature_plugin_without_the_multilingual_one_is_named(tiny_site, tmp_path):
    # The core runs every feature plugin: without it the site would have none of their pages.
    plugins = [name for name in read_settings(str(REPO / "pelicanconf.py"))["PLUGINS"] if name != "multilingual"]
    with pytest.raises(FeatureError, match='the multilingual plugin runs these plugins; add "multilingual" to PLUGINS'):
        build(tiny_site, tmp_path / "output", PLUGINS=plugins)
    assert not (tmp_path / "output").exists()
