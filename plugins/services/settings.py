"""Settings of the services plugin: one table, checked before the build."""

from plugin_settings import Setting, SettingsTable


def _maps_groups_to_page_keys(value):
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return "must map each group to a page key, e.g. {'municipal-services': 'services'}"
    return None


SETTINGS = SettingsTable("services", "SERVICES_", (
    Setting("SERVICES_GROUP_PAGES", dict, {"municipal-services": "services", "project-consultations": "project-consultations"},
            "Each group of `data/services.yaml` → the key of the page that lists its services. "
            "The page's title names the group on the request form.", check=_maps_groups_to_page_keys),
    Setting("SERVICES_REQUEST_KEY", str, "service-request",
            "Key of the Markdown page (`Template: service_request`) with the printable request form."),
))

read_settings = SETTINGS.read
