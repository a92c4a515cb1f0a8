"""Settings of the content checks: defaults in one place, checked before the build."""

from multilingual.plugin_settings import PluginSettingsError, read_plugin_settings

DEFAULTS = {
    # A Markdown or YAML source larger than this many bytes is refused unread.
    "CONTENT_SAFETY_MAX_SOURCE_BYTES": 1024 * 1024,
    # Deepest nesting of lists, quotes and brackets (Markdown) or blocks and brackets (YAML).
    "CONTENT_SAFETY_MAX_NESTING": 24,
}

TYPES = {
    "CONTENT_SAFETY_MAX_SOURCE_BYTES": int,
    "CONTENT_SAFETY_MAX_NESTING": int,
}

SettingsError = PluginSettingsError


def read_settings(settings):
    """Return the checks' settings: the defaults overlaid with the site's, checked."""
    merged = read_plugin_settings(settings, "content_safety", "CONTENT_SAFETY_", DEFAULTS, TYPES)
    for key in DEFAULTS:
        if merged[key] < 1:
            raise SettingsError(f"content_safety: {key} must be at least 1")
    return merged
