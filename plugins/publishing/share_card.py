"""The picture other sites show when a page is shared: 1200 × 630, the site's name and the page's title.

``share_card(...)`` is the whole interface: it returns the card's file name and
bytes, made once per content. The name is the hash of everything that changes
the picture (texts, fonts, this module's layout version), so a card is looked up
in the cache folder by its inputs, two builds give the same bytes, and a
published card can be cached for ever (it is served from the assets folder).

The font is DejaVu Sans (Bold and Book), copied from Debian's fonts-dejavu-core
2.37 into themes/thrace/fonts/ with its licence: free to redistribute, and it
covers Cyrillic, Greek and Turkish. Text is laid out with Pillow's basic layout,
which needs no system library, so every machine draws the same pixels.
"""

import hashlib
import io
import os
from dataclasses import dataclass

from PIL import Image

WIDTH, HEIGHT = 1200, 630
# Change when the layout below changes: every card gets a new name.
LAYOUT_VERSION = "1"
BACKGROUND = "#0b3d5c"  # the header's colour (--th-brand)
TEXT = "#ffffff"
ACCENT = "#ffdd00"  # the theme's focus yellow, as a rule under the site's name
MARGIN = 80
SITE_NAME_SIZE = 34
# The title's size steps down until it fits in MAX_TITLE_LINES; the smallest size cuts it with "…".
TITLE_SIZES = (72, 64, 56, 48)
MAX_TITLE_LINES = 4
LINE_HEIGHT = 1.2


@dataclass(frozen=True)
class Fonts:
    """The two font files of a card: the title's (bold) and the site name's."""

    title: str
    name: str

    def digest(self):
        """Return a hash of both files' bytes: a new font makes new cards."""
        sha = hashlib.sha256()
        for path in (self.title, self.name):
            with open(path, "rb") as handle:
                sha.update(handle.read())
        return sha.hexdigest()


def theme_fonts(theme):
    """Return the fonts the theme bundles for cards (themes/thrace/fonts/)."""
    folder = os.path.join(theme, "fonts")
    return Fonts(title=os.path.join(folder, "DejaVuSans-Bold.ttf"), name=os.path.join(folder, "DejaVuSans.ttf"))


def _font(path, size):
    # Pillow's drawing and fonts are imported when a card is made: only publication builds make cards.
    from PIL import ImageFont

    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


def wrap(text, font, width):
    """Return ``text`` broken into lines no wider than ``width`` (a word too long for a line stands alone)."""
    lines = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def title_lines(title, font_path, width):
    """Return (font, lines) of the largest title size that fits; the smallest is cut with an ellipsis."""
    for size in TITLE_SIZES:
        font = _font(font_path, size)
        lines = wrap(title, font, width)
        if len(lines) <= MAX_TITLE_LINES:
            return font, lines
    kept = lines[:MAX_TITLE_LINES]
    last = kept[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1].rstrip()
    kept[-1] = last + "…"
    return font, kept


def render(site_name, title, fonts):
    """Return the PNG bytes of a card."""
    from PIL import ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    name_font = _font(fonts.name, SITE_NAME_SIZE)
    y = MARGIN
    for line in wrap(site_name, name_font, width)[:2]:
        draw.text((MARGIN, y), line, font=name_font, fill=TEXT)
        y += round(SITE_NAME_SIZE * LINE_HEIGHT)
    y += 24
    draw.rectangle((MARGIN, y, MARGIN + 120, y + 7), fill=ACCENT)
    font, lines = title_lines(title, fonts.title, width)
    step = round(font.size * LINE_HEIGHT)
    # The title sits low on the card, its last line a margin above the bottom edge.
    y = max(y + 48, HEIGHT - MARGIN - step * len(lines))
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=TEXT)
        y += step
    buffer = io.BytesIO()
    image.save(buffer, "PNG")  # no time or other varying chunk: the same texts give the same bytes
    return buffer.getvalue()


def card_name(site_name, title, fonts_digest):
    """Return the file name of a card: the hash of its inputs."""
    inputs = "\0".join((LAYOUT_VERSION, fonts_digest, site_name, title))
    return f"card.{hashlib.sha256(inputs.encode('utf-8')).hexdigest()[:16]}.png"


def share_card(site_name, title, fonts, cache_folder=None, fonts_digest=None):
    """Return (file name, PNG bytes) of the card of a page, from ``cache_folder`` when made before."""
    name = card_name(site_name, title, fonts_digest or fonts.digest())
    cached = os.path.join(cache_folder, name) if cache_folder else None
    if cached and os.path.isfile(cached):
        with open(cached, "rb") as handle:
            return name, handle.read()
    content = render(site_name, title, fonts)
    if cached:
        os.makedirs(cache_folder, exist_ok=True)
        # Written aside and renamed: a build running at the same time never reads half a file.
        partial = f"{cached}.{os.getpid()}.tmp"
        with open(partial, "wb") as handle:
            handle.write(content)
        os.replace(partial, cached)
    return name, content
