"""Settings of the timeline plugin: defaults in one place, checked before the build."""

DEFAULTS = {
    # Key of the Markdown page (Template: timeline) that shows the whole timeline.
    "TIMELINE_PAGE_KEY": "timeline",
    # Keys of the pages that embed the whole timeline below their text.
    "TIMELINE_EMBED_KEYS": ["cross-border-cooperation"],
    # Key of the page that shows the latest events (the home page).
    "TIMELINE_HOME_KEY": "home",
    # How many of the latest events the home page shows; 0 shows none.
    "TIMELINE_HOME_COUNT": 3,
}

TYPES = {
    "TIMELINE_PAGE_KEY": str,
    "TIMELINE_EMBED_KEYS": list,
    "TIMELINE_HOME_KEY": str,
    "TIMELINE_HOME_COUNT": int,
}


class TimelineSettingsError(Exception):
    """A setting of the timeline plugin is unknown or of the wrong type."""


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    for key in settings:
        if key.startswith("TIMELINE_") and key not in DEFAULTS:
            raise TimelineSettingsError(f"timeline: unknown setting {key}; the settings are {', '.join(DEFAULTS)}")
    merged = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    for key, kind in TYPES.items():
        if not isinstance(merged[key], kind) or isinstance(merged[key], bool):
            raise TimelineSettingsError(f"timeline: {key} must be a {kind.__name__}, not {merged[key]!r}")
    if not all(isinstance(key, str) for key in merged["TIMELINE_EMBED_KEYS"]):
        raise TimelineSettingsError("timeline: TIMELINE_EMBED_KEYS must be a list of page keys")
    if merged["TIMELINE_HOME_COUNT"] < 0:
        raise TimelineSettingsError("timeline: TIMELINE_HOME_COUNT must be 0 or more")
    return merged
