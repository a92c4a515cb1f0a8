"""Settings of the timeline plugin: defaults in one place, checked before the build."""

from multilingual.plugin_settings import PluginSettingsError, read_plugin_settings

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


TimelineSettingsError = PluginSettingsError


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    merged = read_plugin_settings(settings, "timeline", "TIMELINE_", DEFAULTS, TYPES)
    if not all(isinstance(key, str) for key in merged["TIMELINE_EMBED_KEYS"]):
        raise TimelineSettingsError("timeline: TIMELINE_EMBED_KEYS must be a list of page keys")
    if merged["TIMELINE_HOME_COUNT"] < 0:
        raise TimelineSettingsError("timeline: TIMELINE_HOME_COUNT must be 0 or more")
    return merged
