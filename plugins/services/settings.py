"""Settings of the services plugin: defaults in one place, checked before the build."""

from multilingual.plugin_settings import PluginSettingsError, read_plugin_settings

DEFAULTS = {
    # Each group of data/services.yaml -> the key of the page that lists its services.
    # The page's title names the group on the request form.
    "SERVICES_GROUP_PAGES": {"municipal-services": "services", "project-consultations": "project-consultations"},
    # Key of the Markdown page (Template: service_request) with the printable request form.
    "SERVICES_REQUEST_KEY": "service-request",
    # The groups the signed request is for: the association's text ties it to the
    # services for municipalities only, so only they are on the form and link to it.
    "SERVICES_REQUEST_GROUPS": ["municipal-services"],
}

TYPES = {
    "SERVICES_GROUP_PAGES": dict,
    "SERVICES_REQUEST_KEY": str,
    "SERVICES_REQUEST_GROUPS": list,
}


ServicesSettingsError = PluginSettingsError


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    merged = read_plugin_settings(settings, "services", "SERVICES_", DEFAULTS, TYPES)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in merged["SERVICES_GROUP_PAGES"].items()):
        raise ServicesSettingsError("services: SERVICES_GROUP_PAGES must map each group to a page key, e.g. {'municipal-services': 'services'}")
    unknown = [group for group in merged["SERVICES_REQUEST_GROUPS"] if group not in merged["SERVICES_GROUP_PAGES"]]
    if unknown:
        raise ServicesSettingsError(f"services: SERVICES_REQUEST_GROUPS names {unknown}, which SERVICES_GROUP_PAGES does not have")
    return merged
