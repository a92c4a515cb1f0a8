"""Settings of the multilingual plugin: defaults in one place, checked before the build."""

from .plugin_settings import PluginSettingsError, read_plugin_settings

DEFAULTS = {
    # Language code -> Babel locale; the order is the order of the language switcher.
    "MULTILINGUAL_LANGUAGES": {"bg": "bg_BG", "en": "en_GB", "el": "el_GR", "tr": "tr_TR"},
    # Folder of the gettext catalogs: <lang>/LC_MESSAGES/messages.po.
    "MULTILINGUAL_TRANSLATIONS_PATH": "translations",
    # Translation key of the page that is each language's home page.
    "MULTILINGUAL_HOME_KEY": "home",
    # Translation key of the page under which news items live.
    "MULTILINGUAL_NEWS_KEY": "news",
    # How many news items the home page shows.
    "MULTILINGUAL_HOME_NEWS_COUNT": 3,
    # Leave out news items dated after today (publication); False shows them with a notice (development).
    "MULTILINGUAL_HIDE_FUTURE_NEWS": False,
    # The date the build treats as today (a datetime.date); None means today in TIMEZONE.
    "SITE_TODAY": None,
    # Folder of the data files and their schemas (schemas/ inside it).
    "SITE_DATA_PATH": "data",
    # Treat warnings (missing translations, an old accessibility review…) as errors.
    "SITE_STRICT": False,
    # Show pages and news marked 'Status: draft', with a banner (development builds);
    # publishconf.py turns it off, so a draft is never published.
    "MULTILINGUAL_SHOW_DRAFTS": True,
}

TYPES = {
    "MULTILINGUAL_LANGUAGES": dict,
    "MULTILINGUAL_TRANSLATIONS_PATH": str,
    "MULTILINGUAL_HOME_KEY": str,
    "MULTILINGUAL_NEWS_KEY": str,
    "MULTILINGUAL_HOME_NEWS_COUNT": int,
    "MULTILINGUAL_HIDE_FUTURE_NEWS": bool,
    "SITE_DATA_PATH": str,
    "SITE_STRICT": bool,
    "MULTILINGUAL_SHOW_DRAFTS": bool,
}


SettingsError = PluginSettingsError


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    merged = read_plugin_settings(settings, "multilingual", "MULTILINGUAL_", DEFAULTS, TYPES)
    if settings["DEFAULT_LANG"] not in merged["MULTILINGUAL_LANGUAGES"]:
        raise SettingsError("multilingual: DEFAULT_LANG must be one of MULTILINGUAL_LANGUAGES")
    return merged
