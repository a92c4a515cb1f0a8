"""Settings of the content checks: one table, checked before the build."""

from plugin_settings import PluginSettingsError, Setting, SettingsTable


def _at_least_one(value):
    return None if value >= 1 else "must be at least 1"


SETTINGS = SettingsTable(
    "content_safety",
    "CONTENT_SAFETY_",
    (
        Setting(
            "CONTENT_SAFETY_MAX_SOURCE_BYTES",
            int,
            1024 * 1024,
            "A Markdown or YAML source larger than this many bytes is refused unread.",
            check=_at_least_one,
            shown_default="`1048576` (1 MB)",
        ),
        Setting(
            "CONTENT_SAFETY_MAX_NESTING",
            int,
            24,
            "Deepest nesting of lists, quotes and brackets (Markdown) or blocks and brackets (YAML).",
            check=_at_least_one,
        ),
    ),
)

SettingsError = PluginSettingsError
read_settings = SETTINGS.read
