"""Settings of the markdown_cache plugin: defaults in one place, checked before the build."""

import os

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
    "MARKDOWN_CACHE_ENABLED": (bool,),
    "MARKDOWN_CACHE_PATH": (str, type(None)),
    "MARKDOWN_CACHE_WORKERS": (int,),
    "MARKDOWN_CACHE_PARALLEL_MIN": (int,),
    "MARKDOWN_CACHE_MAX_AGE_DAYS": (int,),
}


class SettingsError(Exception):
    """A setting of the markdown_cache plugin is unknown or of the wrong type."""


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    for key in settings:
        if key.startswith("MARKDOWN_CACHE_") and key not in DEFAULTS:
            raise SettingsError(f"markdown_cache: unknown setting {key}")
    merged = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    for key, kinds in TYPES.items():
        value = merged[key]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            names = " or ".join("None" if kind is type(None) else kind.__name__ for kind in kinds)
            raise SettingsError(f"markdown_cache: {key} must be {names}, not {value!r}")
    for key in ("MARKDOWN_CACHE_WORKERS", "MARKDOWN_CACHE_PARALLEL_MIN", "MARKDOWN_CACHE_MAX_AGE_DAYS"):
        if merged[key] < 0:
            raise SettingsError(f"markdown_cache: {key} must not be negative")
    if merged["MARKDOWN_CACHE_PATH"] is None:
        merged["MARKDOWN_CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], "markdown")
    return merged


def worker_count(options):
    """Return how many processes parse: the setting, or the cores this process may use."""
    if options["MARKDOWN_CACHE_WORKERS"]:
        return options["MARKDOWN_CACHE_WORKERS"]
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
