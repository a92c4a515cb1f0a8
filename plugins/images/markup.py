"""The HTML of a published image: <picture> with a source per modern encoding, in <figure> when captioned.

This is our own HTML, written after the editor's Markdown was made into HTML and
sanitised; every text in it (alt, caption) is escaped here.
"""

import html
import re

from markupsafe import Markup, escape

# An image alone in its paragraph (group 1: a figure, captioned with the image's title
# if it has one), or an image inside text.
IMAGE = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>|<img\b[^>]*>")
ATTRIBUTE = re.compile(r"""([a-zA-Z][\w:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
STATIC_PREFIXES = ("{static}", "{attach}")


def attributes(tag):
    """Return the attributes of an HTML start tag, unescaped."""
    return {
        match.group(1).lower(): html.unescape(match.group(2) if match.group(2) is not None else match.group(3))
        for match in ATTRIBUTE.finditer(tag)
    }


def source_path(src):
    """Return the path under content/ an image's src names, or None for another site's image."""
    for prefix in STATIC_PREFIXES:
        if src.startswith(prefix):
            src = src[len(prefix) :]
    if "://" in src or src.startswith(("//", "data:")):
        return None
    return src.split("#", 1)[0].split("?", 1)[0].lstrip("/")


def srcset(copies, url):
    """Return a srcset: each copy's address and width."""
    return ", ".join(f"{url(copy.published)} {copy.width}w" for copy in copies)


def picture(image, alt, sizes, url, eager=False, lang=None):
    """Return the <picture> of a DerivedImage: AVIF and WebP sources, then the fallback <img>."""
    sources = "".join(
        f'<source type="{image.in_encoding(encoding)[0].media_type}" srcset="{escape(srcset(image.in_encoding(encoding), url))}" sizes="{escape(sizes)}">'
        for encoding in image.encodings[:-1]
    )
    fallback = image.in_encoding(image.fallback)
    default = fallback[len(fallback) // 2]
    largest = image.largest
    # The first image of a page is fetched at once; the others when they come near the screen.
    loading = "" if eager else ' loading="lazy" decoding="async"'
    # The alt text in another language than the page's (a Bulgarian one not yet translated) says so.
    lang_attribute = f' lang="{escape(lang)}"' if lang else ""
    img = (
        f'<img src="{escape(url(default.published))}" srcset="{escape(srcset(fallback, url))}" sizes="{escape(sizes)}" '
        f'width="{largest.width}" height="{largest.height}" alt="{escape(alt)}"{lang_attribute}{loading}>'
    )
    return Markup(f"<picture>{sources}{img}</picture>")


def figure(picture_html, caption, lang=None):
    """Return a picture in a <figure>, with its caption if it has one."""
    lang_attribute = f' lang="{escape(lang)}"' if lang else ""
    caption_html = (
        f'<figcaption class="th-figure__caption"{lang_attribute}>{escape(caption)}</figcaption>' if caption else ""
    )
    return Markup(f'<figure class="th-figure">{picture_html}{caption_html}</figure>')


def replace_images(body, image_for, sizes, url):
    """Return ``body`` with each image of the site as a <picture>, alone in a paragraph as a <figure>.

    ``image_for(path)`` gives the DerivedImage of a path under content/ (None for an
    image that is not the site's). The first image is not lazy.
    """
    count = [0]

    def render(tag):
        found = attributes(tag)
        path = source_path(found.get("src", ""))
        image = image_for(path) if path else None
        if image is None:
            return None, found
        html_text = picture(image, found.get("alt", ""), sizes, url, eager=count[0] == 0)
        count[0] += 1
        return html_text, found

    def replace(match):
        alone = match.group(1)
        html_text, found = render(alone or match.group(0))
        if html_text is None:
            return match.group(0)
        return figure(html_text, found.get("title", "")) if alone else html_text

    return Markup(IMAGE.sub(replace, str(body))), count[0]
