"""Settings of the training calendar plugin: defaults in one place, checked before the build."""

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


class SettingsError(Exception):
    """A setting of the training calendar plugin is unknown or of the wrong type."""


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    for key in settings:
        if key.startswith(PREFIX) and key not in DEFAULTS:
            raise SettingsError(f"training_calendar: unknown setting {key}; the settings are: {', '.join(DEFAULTS)}")
    merged = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    for key, kind in TYPES.items():
        # type() rather than isinstance(): True is an int, 1 is not a bool.
        if type(merged[key]) is not kind:
            raise SettingsError(f"training_calendar: {key} must be a {kind.__name__}, not {merged[key]!r}")
    if not merged["TRAINING_CALENDAR_PAGE_KEY"] or not merged["TRAINING_CALENDAR_UID_DOMAIN"]:
        raise SettingsError("training_calendar: TRAINING_CALENDAR_PAGE_KEY and TRAINING_CALENDAR_UID_DOMAIN must not be empty")
    return merged
