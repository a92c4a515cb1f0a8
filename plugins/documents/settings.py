"""Settings of the documents plugin: one table, checked before the build."""

from plugin_settings import Setting, SettingsTable

SETTINGS = SettingsTable("documents", "DOCUMENTS_", (
    Setting("DOCUMENTS_PAGE_KEY", str, "documents",
            "Key of the Markdown page (`Template: documents`) that lists every document; "
            "the pages of each kind of document are made under its address."),
))

read_settings = SETTINGS.read
