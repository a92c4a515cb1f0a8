"""Settings of the timeline plugin: one table, checked before the build."""

from plugin_settings import Setting, SettingsTable


def _page_keys(value):
    return None if all(isinstance(key, str) for key in value) else "must be a list of page keys"


def _not_negative(value):
    return None if value >= 0 else "must be 0 or more"


SETTINGS = SettingsTable(
    "timeline",
    "TIMELINE_",
    (
        Setting(
            "TIMELINE_PAGE_KEY",
            str,
            "timeline",
            "Key of the Markdown page (`Template: timeline`) that shows the whole timeline.",
        ),
        Setting(
            "TIMELINE_EMBED_KEYS",
            list,
            ["cross-border-cooperation"],
            "Keys of the pages that embed the whole timeline below their text.",
            check=_page_keys,
        ),
        Setting("TIMELINE_HOME_KEY", str, "home", "Key of the page that shows the latest events (the home page)."),
        Setting(
            "TIMELINE_HOME_COUNT",
            int,
            3,
            "How many of the latest events the home page shows; 0 shows none.",
            check=_not_negative,
        ),
    ),
)

read_settings = SETTINGS.read
