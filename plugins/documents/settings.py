"""Settings of the documents plugin: defaults in one place, checked before the build."""

DEFAULTS = {
    # Key of the Markdown page (Template: documents) that lists every document;
    # the pages of each kind of document are made under its address.
    "DOCUMENTS_PAGE_KEY": "documents",
}

TYPES = {
    "DOCUMENTS_PAGE_KEY": str,
}


class DocumentsSettingsError(Exception):
    """A setting of the documents plugin is unknown or of the wrong type."""


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    for key in settings:
        if key.startswith("DOCUMENTS_") and key not in DEFAULTS:
            raise DocumentsSettingsError(f"documents: unknown setting {key}; the settings are {', '.join(DEFAULTS)}")
    merged = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    for key, kind in TYPES.items():
        if not isinstance(merged[key], kind):
            raise DocumentsSettingsError(f"documents: {key} must be a {kind.__name__}, not {merged[key]!r}")
    return merged
