"""Settings of the multilingual plugin: one table, checked before the build."""

import datetime
import types

from plugin_settings import PluginSettingsError, Setting, SettingsTable

SETTINGS = SettingsTable(
    "multilingual",
    "MULTILINGUAL_",
    (
        Setting(
            "MULTILINGUAL_LANGUAGES",
            dict,
            {"bg": "bg_BG", "en": "en_GB", "el": "el_GR", "tr": "tr_TR"},
            "Language code → Babel locale; the order is the order of the language switcher. "
            "`DEFAULT_LANG` must be one of them.",
        ),
        Setting(
            "MULTILINGUAL_TRANSLATIONS_PATH",
            str,
            "translations",
            "Folder of the gettext catalogs: `<lang>/LC_MESSAGES/messages.po`.",
        ),
        Setting("MULTILINGUAL_HOME_KEY", str, "home", "Translation key of the page that is each language's home page."),
        Setting("MULTILINGUAL_NEWS_KEY", str, "news", "Translation key of the page under which news items live."),
        Setting("MULTILINGUAL_HOME_NEWS_COUNT", int, 3, "How many news items the home page shows."),
        Setting(
            "MULTILINGUAL_HIDE_FUTURE_NEWS",
            bool,
            False,
            "Leave out news items dated after today (publication); `False` shows them with a notice (development).",
        ),
        Setting(
            "MULTILINGUAL_SHOW_DRAFTS",
            bool,
            True,
            "Show pages and news marked `Status: draft`, with a banner (development builds); "
            "`publishconf.py` turns it off, so a draft is never published.",
        ),
        Setting(
            "MULTILINGUAL_PACK_BODIES_MIB",
            int,
            48,
            "When the HTML held in memory takes more than this (MiB), each source's HTML is held compressed "
            "once checked: a large site then builds in about two thirds of the memory, at about 0.15 ms per page. "
            "With the Markdown cache on, the HTML stays in the cache instead and this does not apply.",
        ),
        Setting(
            "SITE_TODAY",
            (datetime.date, types.NoneType),
            None,
            "The date the build treats as today; `None` means today in `TIMEZONE`.",
        ),
        Setting("SITE_DATA_PATH", str, "data", "Folder of the data files and their schemas (`schemas/` inside it)."),
        Setting(
            "SITE_STRICT",
            bool,
            False,
            "Treat warnings (missing translations, a stale catalog entry…) as errors; `publishconf.py` turns it on.",
        ),
    ),
)

SettingsError = PluginSettingsError


def read_settings(settings):
    """Return the plugin's settings: the site's values or the defaults, checked."""
    values = SETTINGS.read(settings)
    if settings["DEFAULT_LANG"] not in values["MULTILINGUAL_LANGUAGES"]:
        raise SettingsError("multilingual: DEFAULT_LANG must be one of MULTILINGUAL_LANGUAGES")
    return values


def languages(settings):
    """Return the site's languages (code → Babel locale), for any plugin or task: the setting or its default."""
    return settings.get("MULTILINGUAL_LANGUAGES", SETTINGS.default("MULTILINGUAL_LANGUAGES"))
