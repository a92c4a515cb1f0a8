"""Settings of the services plugin: defaults in one place, checked before the build."""

DEFAULTS = {
    # Each group of data/services.yaml -> the key of the page that lists its services.
    # The page's title names the group on the request form.
    "SERVICES_GROUP_PAGES": {"municipal-services": "services", "project-consultations": "project-consultations"},
    # Key of the Markdown page (Template: service_request) with the printable request form.
    "SERVICES_REQUEST_KEY": "service-request",
}

TYPES = {
    "SERVICES_GROUP_PAGES": dict,
    "SERVICES_REQUEST_KEY": str,
}


class ServicesSettingsError(Exception):
    """A setting of the services plugin is unknown or of the wrong type."""


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    for key in settings:
        if key.startswith("SERVICES_") and key not in DEFAULTS:
            raise ServicesSettingsError(f"services: unknown setting {key}; the settings are {', '.join(DEFAULTS)}")
    merged = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    for key, kind in TYPES.items():
        if not isinstance(merged[key], kind):
            raise ServicesSettingsError(f"services: {key} must be a {kind.__name__}, not {merged[key]!r}")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in merged["SERVICES_GROUP_PAGES"].items()):
        raise ServicesSettingsError("services: SERVICES_GROUP_PAGES must map each group to a page key, e.g. {'municipal-services': 'services'}")
    return merged
