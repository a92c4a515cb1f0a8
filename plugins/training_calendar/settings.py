"""Settings of the training calendar plugin: defaults in one place, checked before the build."""

from multilingual.plugin_settings import PluginSettingsError, read_plugin_settings

PREFIX = "TRAINING_CALENDAR_"

DEFAULTS = {
    # Show trainings marked 'example: true' (with an "Example" label); publishconf.py turns this off.
    "TRAINING_CALENDAR_SHOW_EXAMPLES": True,
    # Translation key of the Markdown page that is the calendar in each language.
    "TRAINING_CALENDAR_PAGE_KEY": "training-calendar",
    # The right-hand side of every event's UID ("<training id>@<this>"). Never change it once
    # published: calendar apps would take every training for a new one.
    "TRAINING_CALENDAR_UID_DOMAIN": "training-calendar.rao-trakia",
}

TYPES = {
    "TRAINING_CALENDAR_SHOW_EXAMPLES": bool,
    "TRAINING_CALENDAR_PAGE_KEY": str,
    "TRAINING_CALENDAR_UID_DOMAIN": str,
}


SettingsError = PluginSettingsError


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    merged = read_plugin_settings(settings, "training_calendar", PREFIX, DEFAULTS, TYPES)
    if not merged["TRAINING_CALENDAR_PAGE_KEY"] or not merged["TRAINING_CALENDAR_UID_DOMAIN"]:
        raise SettingsError("training_calendar: TRAINING_CALENDAR_PAGE_KEY and TRAINING_CALENDAR_UID_DOMAIN must not be empty")
    return merged
