"""Settings of the images plugin: defaults in one place, checked before the build."""

from multilingual.plugin_settings import PluginSettingsError, read_plugin_settings

DEFAULTS = {
    # Widths (CSS pixels of a 1x screen, or device pixels) of the copies made of
    # every photo; a photo narrower than one of them is never enlarged.
    "IMAGES_WIDTHS": [480, 960, 1600],
    # Quality of each encoding (0-100): lower is smaller; these keep photos sharp.
    "IMAGES_QUALITY": {"avif": 55, "webp": 75, "jpeg": 80},
    # The width the image takes in the theme's layout, for the browser to pick a copy:
    # the text column (.th-prose) is 40em of 18px (720px = 45rem); below 47rem the
    # page's width less its 1rem margins.
    "IMAGES_SIZES": "(min-width: 47rem) 45rem, calc(100vw - 2rem)",
    # The same for an image of a gallery (two columns from 40rem on).
    "IMAGES_GALLERY_SIZES": "(min-width: 47rem) 22rem, (min-width: 40rem) calc(50vw - 1.5rem), calc(100vw - 2rem)",
    # A photo over this many megapixels or bytes is a warning: it slows every cold build.
    "IMAGES_MAX_MEGAPIXELS": 20,
    "IMAGES_MAX_BYTES": 15_000_000,
    # The image others show when a page is shared and has no photo of its own
    # (og:image), under content/; "" for none. One static card for the whole site
    # until a card per page is generated.
    "IMAGES_SHARE_CARD": "images/site-card.png",
    # Worker processes that encode; 0: one per core.
    "IMAGES_WORKERS": 0,
}

TYPES = {
    "IMAGES_WIDTHS": list,
    "IMAGES_QUALITY": dict,
    "IMAGES_SIZES": str,
    "IMAGES_GALLERY_SIZES": str,
    "IMAGES_MAX_MEGAPIXELS": int,
    "IMAGES_MAX_BYTES": int,
    "IMAGES_SHARE_CARD": str,
    "IMAGES_WORKERS": int,
}

ENCODINGS = ("avif", "webp", "jpeg")


def read_settings(settings):
    """Return the plugin's settings: the defaults overlaid with the site's, checked."""
    merged = read_plugin_settings(settings, "images", "IMAGES_", DEFAULTS, TYPES)
    widths = merged["IMAGES_WIDTHS"]
    if not widths or not all(type(width) is int and width > 0 for width in widths):
        raise PluginSettingsError(f"images: IMAGES_WIDTHS must be a list of positive whole numbers, not {widths!r}")
    quality = merged["IMAGES_QUALITY"]
    if set(quality) != set(ENCODINGS) or not all(type(q) is int and 1 <= q <= 100 for q in quality.values()):
        raise PluginSettingsError(f"images: IMAGES_QUALITY must give avif, webp and jpeg a whole number from 1 to 100, not {quality!r}")
    return merged
