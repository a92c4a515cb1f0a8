"""Settings of the output writer: one table. site_build sets both for every build."""

import types

from plugin_settings import PluginSettingsError, Setting, SettingsTable

SETTINGS = SettingsTable(
    "site_output",
    "SITE_OUTPUT_",
    (
        Setting(
            "SITE_OUTPUT_PREVIOUS",
            (str, types.NoneType),
            None,
            "Folder of the live generation: an output whose fingerprint equals the one recorded for it there "
            "is taken from it instead of being made again. `None`: everything is made.",
        ),
        Setting(
            "SITE_OUTPUT_KEEP_FINGERPRINTS",
            bool,
            False,
            "Record the fingerprint of every output made or taken over, beside the output folder, "
            "for the next build to compare with.",
        ),
    ),
)

SettingsError = PluginSettingsError
read_settings = SETTINGS.read
