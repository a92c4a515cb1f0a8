"""A plugin's settings: name, type, default and description in one table.

The same table checks the site's settings, gives every other plugin the
defaults (so that no plugin reads another's setting straight from Pelican's
dict and fails on a key left out), and writes the plugin's README section.
"""

import dataclasses
import datetime
import types
from collections.abc import Callable
from typing import Any


class PluginSettingsError(Exception):
    """A plugin's setting is unknown, of the wrong type or not usable."""


@dataclasses.dataclass(frozen=True)
class Setting:
    """One setting: its name, the type(s) it accepts, its default and what it does."""

    name: str
    type: type | tuple[type, ...]
    default: Any
    description: str
    # Further check of a value of the right type: return what is wrong, or None.
    check: Callable[[Any], str | None] | None = None
    # How the README shows the default when its repr() would not fit in a table cell.
    shown_default: str | None = None

    @property
    def types(self):
        """Return the accepted types as a tuple."""
        return self.type if isinstance(self.type, tuple) else (self.type,)

    def type_name(self):
        """Return the accepted types in words, e.g. ``str or None``."""
        return " or ".join("None" if kind is types.NoneType else kind.__name__ for kind in self.types)

    def accepts(self, value):
        """Return whether ``value`` is of one of the setting's types."""
        # True is an int and a datetime is a date, yet neither is what such a setting means.
        for narrower in (bool, datetime.datetime):
            if isinstance(value, narrower) and narrower not in self.types:
                return False
        return isinstance(value, self.types)

    def default_text(self):
        """Return the default as the README shows it."""
        return self.shown_default or f"`{self.default!r}`"


@dataclasses.dataclass(frozen=True)
class SettingsTable:
    """The settings of one plugin: its name, the prefix of its own keys, and each setting."""

    plugin: str
    prefix: str
    settings: tuple[Setting, ...]

    def names(self):
        """Return the names of the settings, in the table's order."""
        return [setting.name for setting in self.settings]

    def default(self, name):
        """Return the default of one setting."""
        return next(setting.default for setting in self.settings if setting.name == name)

    def read(self, settings):
        """Return every setting of the table: the site's value or the default, checked.

        An unknown key with the plugin's prefix (a typo) or a value of the wrong
        type is an error naming the plugin and the key. ``settings`` is only
        read, never written back.
        """
        known = set(self.names())
        for key in sorted(settings):
            if key.startswith(self.prefix) and key not in known:
                raise PluginSettingsError(
                    f"{self.plugin}: unknown setting {key}; the settings are: {', '.join(self.names())}"
                )
        values = {}
        for setting in self.settings:
            value = settings.get(setting.name, setting.default)
            if not setting.accepts(value):
                raise PluginSettingsError(
                    f"{self.plugin}: {setting.name} must be a {setting.type_name()}, not {value!r}"
                )
            problem = setting.check(value) if setting.check else None
            if problem:
                raise PluginSettingsError(f"{self.plugin}: {setting.name} {problem}")
            values[setting.name] = value
        return values

    def markdown(self):
        """Return the table as the plugin's README lists it (Markdown)."""
        rows = ["| setting | type | default | what it does |", "| --- | --- | --- | --- |"]
        for setting in self.settings:
            cells = [f"`{setting.name}`", setting.type_name(), setting.default_text(), setting.description]
            rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        return "\n".join(rows) + "\n"
