"""Every plugin's settings as one declarative table, read and checked by one function.

Not a Pelican plugin: a library the plugins import (it has no ``register()``).
"""

from .table import PluginSettingsError, Setting, SettingsTable

__all__ = ["PluginSettingsError", "Setting", "SettingsTable"]
