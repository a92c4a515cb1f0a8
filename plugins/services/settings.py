"""Settings of the services plugin: one table, checked before the build."""

from plugin_settings import PluginSettingsError, Setting, SettingsTable

ServicesSettingsError = PluginSettingsError


def _maps_groups_to_page_keys(value):
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return "must map each group to a page key, e.g. {'municipal-services': 'services'}"
    return None


SETTINGS = SettingsTable(
    "services",
    "SERVICES_",
    (
        Setting(
            "SERVICES_GROUP_PAGES",
            dict,
            {"municipal-services": "services", "project-consultations": "project-consultations"},
            "Each group of `data/services.yaml` → the key of the page that lists its services. "
            "The page's title names the group on the request form.",
            check=_maps_groups_to_page_keys,
        ),
        Setting(
            "SERVICES_REQUEST_KEY",
            str,
            "service-request",
            "Key of the Markdown page (`Template: service_request`) with the printable request form.",
        ),
        Setting(
            "SERVICES_REQUEST_GROUPS",
            list,
            ["municipal-services"],
            "The groups the signed request is for: the association's text ties it to the services for "
            "municipalities only, so only they are on the form and link to it.",
        ),
    ),
)


def read_settings(settings):
    """Return the plugin's settings: the site's values or the defaults, checked."""
    values = SETTINGS.read(settings)
    unknown = [group for group in values["SERVICES_REQUEST_GROUPS"] if group not in values["SERVICES_GROUP_PAGES"]]
    if unknown:
        raise ServicesSettingsError(
            f"services: SERVICES_REQUEST_GROUPS names {unknown}, which SERVICES_GROUP_PAGES does not have"
        )
    return values
