"""The site's icon: one drawing, written as SVG and drawn with Pillow as favicon.ico and the Apple touch icon.

The drawing is the letter T on the header's colour: the initial of the
association's name in all four languages (Тракия, Thrace, Θράκη, Trakya), made
of two rectangles so that the SVG needs no font and the raster copies are the
same shapes. No emblem of the association exists in its own text, and none is
invented here. The files are made at build time from this one description (a
few milliseconds), so the three cannot drift apart.
"""

import io

from PIL import Image

# The drawing, on a 64 × 64 grid: the background and the two bars of the T.
GRID = 64
BACKGROUND = "#0b3d5c"  # --th-brand in the theme's CSS
FOREGROUND = "#ffffff"
CORNER = 10  # rounded corners of the favicon; the touch icon is square (iOS rounds it itself)
BARS = ((14, 14, 50, 24), (27, 14, 37, 50))  # (left, top, right, bottom): the top bar, the stem

# What is published at the root of the site, where browsers look without being told.
ICON_FILES = {"svg": "favicon.svg", "ico": "favicon.ico", "touch": "apple-touch-icon.png"}
ICO_SIZES = (16, 32, 48)
TOUCH_SIZE = 180
# Drawn this many times larger, then reduced: smooth edges without anti-aliasing of our own.
OVERSAMPLE = 4


def icon_svg():
    """Return the icon as an SVG document (text)."""
    bars = "".join(
        f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}"/>'
        for left, top, right, bottom in BARS
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="{CORNER}" fill="{BACKGROUND}"/>'
        f'<g fill="{FOREGROUND}">{bars}</g></svg>\n'
    )


def icon_image(size, rounded=True):
    """Return the icon drawn with Pillow at ``size`` × ``size`` pixels (RGBA)."""
    # Imported when an icon is drawn: a build that takes its icons over draws none.
    from PIL import ImageDraw

    scale = size * OVERSAMPLE / GRID
    large = Image.new("RGBA", (size * OVERSAMPLE,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(large)
    edge = size * OVERSAMPLE - 1
    if rounded:
        draw.rounded_rectangle((0, 0, edge, edge), radius=round(CORNER * scale), fill=BACKGROUND)
    else:
        draw.rectangle((0, 0, edge, edge), fill=BACKGROUND)
    for left, top, right, bottom in BARS:
        draw.rectangle(
            (round(left * scale), round(top * scale), round(right * scale) - 1, round(bottom * scale) - 1),
            fill=FOREGROUND,
        )
    return large.resize((size, size), Image.Resampling.BOX)  # area average: no ringing at the edges


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG")  # Pillow writes no time or other varying chunk
    return buffer.getvalue()


def icon_files():
    """Return {file name: bytes} of the three icon files."""
    ico = io.BytesIO()
    icon_image(max(ICO_SIZES)).save(
        ico,
        "ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[icon_image(size) for size in ICO_SIZES[:-1]],
    )
    return {
        ICON_FILES["svg"]: icon_svg().encode("utf-8"),
        ICON_FILES["ico"]: ico.getvalue(),
        # Opaque: iOS shows transparency as black.
        ICON_FILES["touch"]: _png(icon_image(TOUCH_SIZE, rounded=False).convert("RGB")),
    }
