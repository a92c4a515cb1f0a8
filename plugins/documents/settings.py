"""Settings of the documents plugin: one table, checked before the build."""

from plugin_settings import Setting, SettingsTable


def _positive_widths_problem(widths):
    if widths and all(type(width) is int and width > 0 for width in widths):
        return None
    return "must be a list of positive whole numbers"


SETTINGS = SettingsTable(
    "documents",
    "DOCUMENTS_",
    (
        Setting(
            "DOCUMENTS_PAGE_KEY",
            str,
            "documents",
            "Key of the Markdown page (`Template: documents`) that lists every document; "
            "the pages of each kind of document are made under its address.",
        ),
        Setting(
            "DOCUMENTS_COVER_WIDTHS",
            list,
            [128, 256],
            "Widths of the cover of a PDF (its first page) shown beside its entry: 8rem on a 1x screen, "
            "twice that on a 2x one. Encoded by the images plugin.",
            check=_positive_widths_problem,
        ),
    ),
)

read_settings = SETTINGS.read
