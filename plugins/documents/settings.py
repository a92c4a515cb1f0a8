"""Settings of the documents plugin: defaults in one place, checked before the build."""

from multilingual.plugin_settings import PluginSettingsError, read_plugin_settings

DEFAULTS = {
    # Key of the Markdown page (Template: documents) that lists every document;
    # the pages of each kind of document are made under its address.
    "DOCUMENTS_PAGE_KEY": "documents",
}

TYPES = {
    "DOCUMENTS_PAGE_KEY": str,
}


DocumentsSettingsError = PluginSettingsError


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    merged = read_plugin_settings(settings, "documents", "DOCUMENTS_", DEFAULTS, TYPES)
    return merged
