"""Every plugin's settings table: checked by one function, listed exactly in the plugin's README.

And the site still builds when a setting is left to its default, or a feature plugin is left out.
"""

import datetime
import importlib
import re
import shutil

import pytest

from conftest import REPO, build, read_html
from plugin_settings import PluginSettingsError, Setting, SettingsTable

PLUGINS = REPO / "plugins"
# Every package with a settings table: the plugins, each with its README.
TABLES = sorted(path.parent.name for path in PLUGINS.glob("*/settings.py"))

EXAMPLE = SettingsTable("example", "EXAMPLE_", (
    Setting("EXAMPLE_COUNT", int, 3, "How many.", check=lambda value: None if value >= 0 else "must be 0 or more"),
    Setting("EXAMPLE_ON", bool, False, "Whether."),
    Setting("EXAMPLE_PATH", (str, type(None)), None, "Where; `None`: nowhere."),
    Setting("EXAMPLE_DAY", (datetime.date, type(None)), None, "Which day."),
))


# The one function --------------------------------------------------------------------------------


def test_defaults_are_returned_and_never_written_back():
    settings = {"EXAMPLE_COUNT": 5, "OTHER": 1}
    assert EXAMPLE.read(settings) == {"EXAMPLE_COUNT": 5, "EXAMPLE_ON": False, "EXAMPLE_PATH": None, "EXAMPLE_DAY": None}
    assert settings == {"EXAMPLE_COUNT": 5, "OTHER": 1}


@pytest.mark.parametrize("settings, message", [
    ({"EXAMPLE_CONT": 3}, "example: unknown setting EXAMPLE_CONT; the settings are: EXAMPLE_COUNT, EXAMPLE_ON"),
    ({"EXAMPLE_COUNT": "3"}, "example: EXAMPLE_COUNT must be a int, not '3'"),
    ({"EXAMPLE_COUNT": True}, "example: EXAMPLE_COUNT must be a int, not True"),
    ({"EXAMPLE_ON": 1}, "example: EXAMPLE_ON must be a bool, not 1"),
    ({"EXAMPLE_PATH": 3}, "example: EXAMPLE_PATH must be a str or None, not 3"),
    ({"EXAMPLE_DAY": datetime.datetime(2026, 1, 1)}, "example: EXAMPLE_DAY must be a date or None"),
    ({"EXAMPLE_COUNT": -1}, "example: EXAMPLE_COUNT must be 0 or more"),
])
def test_an_unknown_key_or_a_wrong_value_names_the_plugin_and_the_key(settings, message):
    with pytest.raises(PluginSettingsError, match=re.escape(message)):
        EXAMPLE.read(settings)


def test_the_readme_table_lists_name_type_default_and_description():
    assert EXAMPLE.markdown().splitlines()[2:4] == [
        "| `EXAMPLE_COUNT` | int | `3` | How many. |",
        "| `EXAMPLE_ON` | bool | `False` | Whether. |",
    ]


# Every plugin's table and README -------------------------------------------------------------------


def readme_settings(readme):
    """Return the table that follows the README's "## Settings" heading."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    assert "## Settings" in lines, f"{readme} has no '## Settings' section"
    after = lines[lines.index("## Settings") + 1:]
    start = next(number for number, line in enumerate(after) if line.startswith("|"))
    table = []
    for line in after[start:]:
        if not line.startswith("|"):
            break
        table.append(line)
    return "\n".join(table) + "\n"


@pytest.mark.parametrize("plugin", TABLES)
def test_every_settings_module_is_one_table_of_distinct_names(plugin):
    table = importlib.import_module(f"{plugin}.settings").SETTINGS
    assert isinstance(table, SettingsTable)
    assert len(set(table.names())) == len(table.names())


@pytest.mark.parametrize("plugin", TABLES)
def test_the_readme_lists_exactly_the_settings_of_the_table(plugin):
    table = importlib.import_module(f"{plugin}.settings").SETTINGS
    assert table.plugin == plugin
    assert readme_settings(PLUGINS / plugin / "README.md") == table.markdown(), (
        f"plugins/{plugin}/README.md: the table under '## Settings' must be:\n{table.markdown()}")


@pytest.mark.parametrize("plugin", TABLES)
def test_every_default_passes_its_own_checks(plugin):
    table = importlib.import_module(f"{plugin}.settings").SETTINGS
    assert list(table.read({})) == table.names()


# A tiny site: settings left to their defaults, a feature plugin left out ----------------------------


def register_every_plugin():
    """Connect every plugin's signals, as an earlier build of the real site in this process has."""
    for plugin in ("multilingual", "markdown_cache", "training_calendar", "documents", "images", "timeline", "services",
                   "publishing"):
        importlib.import_module(plugin).register()


def tiny_site(root, plugins, without=()):
    """Write a two-page site in ``root`` whose settings list ``plugins`` and lack the settings ``without``."""
    shutil.copytree(REPO / "data", root / "data")
    (root / "data" / "navigation.yaml").write_text("main:\n  - page: documents\nfooter: []\n", encoding="utf-8")
    (root / "data" / "timeline.yaml").write_text("[]\n", encoding="utf-8")
    (root / "data" / "documents.yaml").write_text(
        "- id: protocol\n  title: {bg: Протокол, en: Protocol, el: Πρωτόκολλο, tr: Protokol}\n"
        "  date: 2002\n  kind: protocol\n  pages: [home]\n", encoding="utf-8")
    pages = root / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "home.bg.md").write_text("Title: Начало\nTemplate: home\n\nНачалото.\n", encoding="utf-8")
    (pages / "documents.bg.md").write_text("Title: Документи\nTemplate: documents\n\nДокументите.\n", encoding="utf-8")
    settings = root / "settings.py"
    lines = ["import sys", f"sys.path.insert(0, {str(REPO)!r})", "from pelicanconf import *  # noqa: F403",
             f"PLUGINS = {plugins!r}"]
    lines += [f"del {name}" for name in without]
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return settings


def test_a_site_without_multilingual_languages_builds_in_the_default_languages(tmp_path):
    register_every_plugin()  # a plugin left out of PLUGINS must stay out
    settings = tiny_site(tmp_path, ["multilingual", "documents", "publishing"], without=["MULTILINGUAL_LANGUAGES"])
    output = build(tmp_path, tmp_path / "output", settings_file=settings)
    titles = {"bg": "Протокол", "en": "Protocol", "el": "Πρωτόκολλο", "tr": "Protokol"}
    for lang, prefix in [("bg", ""), ("en", "en/"), ("el", "el/"), ("tr", "tr/")]:
        assert read_html(output / prefix / "index.html").html["lang"] == lang
        # The documents plugin names each document in the language of the page (with its locale).
        documents = read_html(output / prefix / "dokumenti" / "index.html")
        assert documents.select_one("#document-protocol h2").get_text(strip=True) == titles[lang]


def test_the_theme_renders_without_the_publishing_plugin(tmp_path):
    register_every_plugin()  # a plugin left out of PLUGINS must stay out
    settings = tiny_site(tmp_path, ["multilingual", "documents"])
    output = build(tmp_path, tmp_path / "output", settings_file=settings)
    soup = read_html(output / "en" / "index.html")
    assert [link["href"] for link in soup.select("link[rel=stylesheet]")] == ["/theme/css/site.css"]
    assert (output / "theme" / "css" / "site.css").is_file()
    assert soup.select("meta[http-equiv=Content-Security-Policy]") == []
    assert soup.select_one(".th-header__search") is None
    assert soup.select_one("main h1") is not None


def test_a_feature_setting_with_a_typo_is_named_before_the_editors_problems(tmp_path):
    register_every_plugin()  # a plugin left out of PLUGINS must stay out
    settings = tiny_site(tmp_path, ["multilingual", "documents"])
    # A mistake in a source too: the build stops at the settings, not with a list of problems that lacks them.
    (tmp_path / "content" / "pages" / "home.bg.md").write_text("Title: Начало\nTemplate: nowhere\n\nНачалото.\n",
                                                              encoding="utf-8")
    with pytest.raises(PluginSettingsError, match="documents: unknown setting DOCUMENTS_PAGE_KYE"):
        build(tmp_path, tmp_path / "output", settings_file=settings, DOCUMENTS_PAGE_KYE="documents")
