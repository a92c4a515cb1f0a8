"""Settings of the markdown_cache plugin: one table, checked before the build."""

import os
import types

from plugin_settings import PluginSettingsError, Setting, SettingsTable


def _not_negative(value):
    return None if value >= 0 else "must not be negative"


SETTINGS = SettingsTable(
    "markdown_cache",
    "MARKDOWN_CACHE_",
    (
        Setting(
            "MARKDOWN_CACHE_ENABLED",
            bool,
            True,
            "Keep each parsed source (HTML and front matter) and reuse it while the file's bytes and the "
            "settings that affect parsing are unchanged.",
        ),
        Setting(
            "MARKDOWN_CACHE_PATH",
            (str, types.NoneType),
            None,
            "Folder of the cache; `None` means `markdown` inside Pelican's `CACHE_PATH`.",
        ),
        Setting(
            "MARKDOWN_CACHE_WORKERS",
            int,
            0,
            "Processes that parse the sources missing from the cache: 0 means one per available core, "
            "1 parses in the build process only.",
            check=_not_negative,
        ),
        Setting(
            "MARKDOWN_CACHE_PARALLEL_MIN",
            int,
            32,
            "Fewer missing sources than this are parsed in the build process: starting workers costs "
            "more than it saves.",
            check=_not_negative,
        ),
        Setting(
            "MARKDOWN_CACHE_MAX_AGE_DAYS",
            int,
            14,
            "Entries no build has used for this many days are deleted.",
            check=_not_negative,
        ),
    ),
)

SettingsError = PluginSettingsError


def read_settings(settings):
    """Return the plugin's settings: the site's values or the defaults, checked, with the cache's folder."""
    values = SETTINGS.read(settings)
    if values["MARKDOWN_CACHE_PATH"] is None:
        values["MARKDOWN_CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], "markdown")
    return values


def keeps_derived(settings):
    """Whether a build keeps in CACHE_PATH what it derives from the sources: the cache's switch decides.

    The parsed sources, the checks found clean, the compiled templates and the
    files' digests all follow it (tests build without any of them).
    """
    return bool(read_settings(settings)["MARKDOWN_CACHE_ENABLED"] and settings.get("CACHE_PATH"))


def worker_count(options):
    """Return how many processes parse: the setting, or the cores this process may use."""
    if options["MARKDOWN_CACHE_WORKERS"]:
        return options["MARKDOWN_CACHE_WORKERS"]
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
