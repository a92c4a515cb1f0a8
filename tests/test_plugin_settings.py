"""Every plugin's settings table: checked by one function, listed exactly in the plugin's README."""

import datetime
import importlib
import re

import pytest

from conftest import REPO
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


def test_every_plugin_has_a_settings_table():
    assert TABLES == ["documents", "markdown_cache", "multilingual", "publishing", "services", "timeline",
                      "training_calendar"]


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
