"""Settings of the markdown_cache plugin: defaults in one place, checked before the build."""

import os

from multilingual.plugin_settings import PluginSettingsError, read_plugin_settings

DEFAULTS = {
    # Keep each parsed source (HTML and front matter) and reuse it while the file's
    # bytes and the settings that affect parsing are unchanged.
    "MARKDOWN_CACHE_ENABLED": True,
    # Folder of the cache; None means "markdown" inside Pelican's CACHE_PATH.
    "MARKDOWN_CACHE_PATH": None,
    # Processes that parse the sources missing from the cache: 0 means one per
    # available core, 1 parses in the build process only.
    "MARKDOWN_CACHE_WORKERS": 0,
    # Fewer missing sources than this are parsed in the build process: starting
    # workers costs more than it saves.
    "MARKDOWN_CACHE_PARALLEL_MIN": 32,
    # Entries no build has used for this many days are deleted.
    "MARKDOWN_CACHE_MAX_AGE_DAYS": 14,
}

TYPES = {
    "MARKDOWN_CACHE_ENABLED": bool,
    "MARKDOWN_CACHE_WORKERS": int,
    "MARKDOWN_CACHE_PARALLEL_MIN": int,
    "MARKDOWN_CACHE_MAX_AGE_DAYS": int,
}

SettingsError = PluginSettingsError


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    merged = read_plugin_settings(settings, "markdown_cache", "MARKDOWN_CACHE_", DEFAULTS, TYPES)
    for key in ("MARKDOWN_CACHE_WORKERS", "MARKDOWN_CACHE_PARALLEL_MIN", "MARKDOWN_CACHE_MAX_AGE_DAYS"):
        if merged[key] < 0:
            raise SettingsError(f"markdown_cache: {key} must not be negative")
    if merged["MARKDOWN_CACHE_PATH"] is None:
        merged["MARKDOWN_CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], "markdown")
    elif not isinstance(merged["MARKDOWN_CACHE_PATH"], str):
        raise SettingsError(f"markdown_cache: MARKDOWN_CACHE_PATH must be a str or None, not {merged['MARKDOWN_CACHE_PATH']!r}")
    return merged


def worker_count(options):
    """Return how many processes parse: the setting, or the cores this process may use."""
    if options["MARKDOWN_CACHE_WORKERS"]:
        return options["MARKDOWN_CACHE_WORKERS"]
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
