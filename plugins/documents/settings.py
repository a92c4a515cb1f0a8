"""Settings of the documents plugin: defaults in one place, checked before the build."""

from multilingual.plugin_settings import PluginSettingsError, read_plugin_settings

DEFAULTS = {
    # Key of the Markdown page (Template: documents) that lists every document;
    # the pages of each kind of document are made under its address.
    "DOCUMENTS_PAGE_KEY": "documents",
    # Widths of the cover of a PDF (its first page) shown beside its entry: 8rem on
    # a 1x screen, twice that on a 2x one. Encoded by the images plugin.
    "DOCUMENTS_COVER_WIDTHS": [128, 256],
}

TYPES = {
    "DOCUMENTS_PAGE_KEY": str,
    "DOCUMENTS_COVER_WIDTHS": list,
}


DocumentsSettingsError = PluginSettingsError


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    merged = read_plugin_settings(settings, "documents", "DOCUMENTS_", DEFAULTS, TYPES)
    widths = merged["DOCUMENTS_COVER_WIDTHS"]
    if not widths or not all(type(width) is int and width > 0 for width in widths):
        raise PluginSettingsError(f"documents: DOCUMENTS_COVER_WIDTHS must be a list of positive whole numbers, not {widths!r}")
    return merged
