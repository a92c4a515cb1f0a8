"""The one way the site's plugins read their settings: defaults in one place, checked early."""


class PluginSettingsError(Exception):
    """A plugin's setting is unknown, of the wrong type or not usable."""


def read_plugin_settings(settings, plugin, prefix, defaults, types):
    """Return ``defaults`` overlaid with the site's settings under ``prefix``, checked.

    An unknown key with the plugin's prefix (a typo) or a value of the wrong
    type is an error naming the plugin and the key. The shared settings are
    only read, never written back.
    """
    for key in settings:
        if key.startswith(prefix) and key not in defaults:
            raise PluginSettingsError(f"{plugin}: unknown setting {key}; the settings are: {', '.join(defaults)}")
    merged = {key: settings.get(key, default) for key, default in defaults.items()}
    for key, kind in types.items():
        # type() rather than isinstance(): True is an int, 1 is not a bool.
        if type(merged[key]) is not kind:
            raise PluginSettingsError(f"{plugin}: {key} must be a {kind.__name__}, not {merged[key]!r}")
    return merged
