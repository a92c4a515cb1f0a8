"""The links to sources are found from each "{filename}" exactly where the pattern itself would find them."""

import random

from multilingual.content_files import FILENAME_LINK, filename_links

# Pieces of HTML around links to sources, the awkward ones included: quotes that do
# not pair, a second {filename} inside a link, attributes that end in href or src.
PIECES = [
    '<a href="',
    "<a href='",
    '<img src="',
    "<img src='",
    "{filename}",
    "pages/services.bg.md",
    "#anchor",
    '"',
    "'",
    ">text</a>",
    "data-href=",
    "xsrc=",
    "href=",
    "src=",
    " ",
    "Текст",
    "#",
    "{filename",
]


def test_the_scan_finds_what_the_pattern_finds():
    rng = random.Random(14)
    for _ in range(20000):
        html = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        expected = [(match.start(), match.end()) for match in FILENAME_LINK.finditer(html)]
        assert [(match.start(), match.end()) for match in filename_links(html)] == expected, html
