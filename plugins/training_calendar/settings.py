"""Settings of the training calendar plugin: one table, checked before the build."""

from plugin_settings import PluginSettingsError, Setting, SettingsTable


def _not_empty(value):
    return None if value else "must not be empty"


SETTINGS = SettingsTable(
    "training_calendar",
    "TRAINING_CALENDAR_",
    (
        Setting(
            "TRAINING_CALENDAR_SHOW_EXAMPLES",
            bool,
            True,
            "Show trainings marked `example: true` (with an “Example” label); `publishconf.py` turns this off.",
        ),
        Setting(
            "TRAINING_CALENDAR_PAGE_KEY",
            str,
            "training-calendar",
            "Translation key of the Markdown page that is the calendar in each language.",
            check=_not_empty,
        ),
        # Never changed once published: calendar apps would take every training for a new one.
        Setting(
            "TRAINING_CALENDAR_UID_DOMAIN",
            str,
            "training-calendar.rao-trakia",
            "The right-hand side of every event's UID (`<training id>@<this>`). Never change it once "
            "published: calendar apps would take every training for a new one.",
            check=_not_empty,
        ),
    ),
)

SettingsError = PluginSettingsError
read_settings = SETTINGS.read
