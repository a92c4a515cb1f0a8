"""Settings of the images plugin: one table, checked before the build."""

from plugin_settings import Setting, SettingsTable

ENCODINGS = ("avif", "webp", "jpeg")


def _positive_widths_problem(widths):
    if widths and all(type(width) is int and width > 0 for width in widths):
        return None
    return "must be a list of positive whole numbers"


def _quality_problem(quality):
    if set(quality) == set(ENCODINGS) and all(type(q) is int and 1 <= q <= 100 for q in quality.values()):
        return None
    return "must give avif, webp and jpeg a whole number from 1 to 100"


SETTINGS = SettingsTable(
    "images",
    "IMAGES_",
    (
        Setting(
            "IMAGES_WIDTHS",
            list,
            [480, 960, 1600],
            "Widths (CSS pixels of a 1x screen, or device pixels) of the copies made of every photo; "
            "a photo narrower than one of them is never enlarged.",
            check=_positive_widths_problem,
        ),
        Setting(
            "IMAGES_QUALITY",
            dict,
            {"avif": 55, "webp": 75, "jpeg": 80},
            "Quality of each encoding (1–100): lower is smaller; these keep photos sharp.",
            check=_quality_problem,
        ),
        Setting(
            "IMAGES_SIZES",
            str,
            "(min-width: 47rem) 45rem, calc(100vw - 2rem)",
            "The width the image takes in the theme's layout, for the browser to pick a copy: the text column "
            "is 40em of 18px (720px = 45rem); below 47rem the page's width less its 1rem margins.",
        ),
        Setting(
            "IMAGES_GALLERY_SIZES",
            str,
            "(min-width: 47rem) 22rem, (min-width: 40rem) calc(50vw - 1.5rem), calc(100vw - 2rem)",
            "The same for an image of a gallery (two columns from 40rem on).",
        ),
        Setting(
            "IMAGES_MAX_MEGAPIXELS",
            int,
            20,
            "A photo over this many megapixels is a warning: it slows every cold build.",
        ),
        Setting("IMAGES_MAX_BYTES", int, 15_000_000, "A photo over this many bytes is a warning, for the same reason."),
        Setting(
            "IMAGES_SHARE_CARD",
            str,
            "images/site-card.png",
            "The image others show when a page is shared and has no photo of its own (`og:image`), under "
            "`content/`; empty for none. `publishconf.py` empties it: there every page gets its own card.",
        ),
        Setting(
            "IMAGES_WORKERS", int, 0, "Worker processes that encode; 0: one per core, 1: in the build's own process."
        ),
    ),
)

read_settings = SETTINGS.read
