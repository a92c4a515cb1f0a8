"""Pelican entry point of the images plugin, and its feature."""

import logging
import os
import re
import urllib.parse

from pelican import signals

from multilingual.body import body_html, marks_signature
from multilingual.content_files import source_line
from multilingual.model import Feature, require_core
from site_data import Problem, tr
from site_data.paths import relative_display

from .markup import IMAGE, attributes, figure, picture, replace_images, source_path
from .settings import read_settings
from .store import ImageStore, Request, Use

logger = logging.getLogger(__name__)

IMAGES_FOLDER = "images/"
# Social sites read JPEG and PNG everywhere, and want about 1200 pixels.
SHARE_WIDTH = 1600


class ImagesFeature(Feature):
    """Find every image the pages and galleries show, encode them, and write them as <picture>."""

    # A gallery may be on a training's page or a kind of document's page.
    after = ("training_calendar", "documents")
    datasets = ("galleries",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        # The build's images, each encoded once whatever shows it: the documents plugin adds the covers of PDFs.
        self.store = ImageStore(
            self.settings["PATH"],
            os.path.join(self.settings["CACHE_PATH"], "images"),
            self.options["IMAGES_WIDTHS"],
            self.options["IMAGES_QUALITY"],
            self.options["IMAGES_MAX_MEGAPIXELS"],
            self.options["IMAGES_MAX_BYTES"],
            self.options["IMAGES_WORKERS"],
        )
        self.site = None
        self.body_images = {}  # id of a source -> [(path, alt)] in the order of the text
        self.galleries = {}  # page key -> gallery record

    def contribute(self, model):
        """Check and encode every image; register the body filter and the page data."""
        site, data = model.site, model.data
        self.site = site
        root = os.path.dirname(os.path.abspath(self.settings["PATH"]))
        requests, problems = {}, []

        def want(path, use):
            requests.setdefault(path, Request(path)).uses.append(use)

        for source in self._sources(site):
            found = []
            display = relative_display(source.source_path, root)
            # Found once per body and remembered by its key: a rebuild does not read every page's HTML.
            shown = model.bodies.find(
                source, "images", lambda source=source: _shown_images(source), marks_signature(source)
            )
            for src, alt, line in shown:
                path = source_path(src)
                path = os.path.normpath(path).replace(os.sep, "/")
                if not path.startswith(IMAGES_FOLDER):
                    problems.append(
                        Problem(
                            display,
                            line,
                            tr("the image '{src}' is not in content/images/", src=src),
                            tr("put the photo in content/images/ and write ![what it shows](images/<file name>)"),
                        )
                    )
                    continue
                want(path, Use(display, line))
                found.append((path, alt))
            self.body_images[id(source)] = found
        for record in data.get("galleries") or []:
            if record["page"] not in site.pages:
                problems.append(
                    Problem(
                        record.path,
                        record.key_lines.get("page", record.line),
                        tr("there is no page, news item or training with the key '{key}'", key=record["page"]),
                        tr(
                            "write the key of a page or news item (its file name before the language, e.g. "
                            "2026-11-27-four-language-site) or trainings:training:<training id>"
                        ),
                    )
                )
                continue
            self.galleries[record["page"]] = record
            for item in record["images"]:
                want(item["file"], Use(item.path, item.key_lines.get("file", item.line)))
        card = self.options["IMAGES_SHARE_CARD"]
        if card:
            want(card, Use("pelicanconf.py", 1))
        problems += self.store.prepare(list(requests.values()))
        model.report(problems)
        site.add_body_filter(self.body_html)
        site.add_context_extender(self.page_context)

    @staticmethod
    def _sources(site):
        """Yield each Markdown source once (a fallback version shares its original's)."""
        seen = set()
        for page in site.pages.values():
            for version in page.versions.values():
                if version.source is not None and id(version.source) not in seen:
                    seen.add(id(version.source))
                    yield version.source

    def url(self, published):
        """Return the address of a published file."""
        return self.site.absolute(urllib.parse.quote(published))

    def body_html(self, body, version):
        """Write the site's images in a page's body as <picture>s, the first not lazy."""
        return replace_images(body, self.store.get, self.options["IMAGES_SIZES"], self.url)[0]

    def page_context(self, site, version):
        """Return the gallery of a page and the image others show when it is shared."""
        in_body = self.body_images.get(id(version.source), []) if version.source is not None else []
        gallery = self.galleries.get(version.key)
        items = []
        for index, item in enumerate(gallery["images"] if gallery else []):
            alt = item["alt"].in_lang(version.lang)
            image = self.store.get(item["file"])
            if image is None:
                continue
            html = picture(
                image,
                alt.text,
                self.options["IMAGES_GALLERY_SIZES"],
                self.url,
                eager=not in_body and index == 0,
                lang=alt.lang if alt.lang != version.lang else None,
            )
            caption = item["caption"].in_lang(version.lang) if item.get("caption") else None
            items.append(
                {
                    "figure": figure(
                        html,
                        caption.text if caption else "",
                        caption.lang if caption and caption.lang != version.lang else None,
                    )
                }
            )
        return {"gallery": items, "share_image": self.share_image(site, version)}

    def share_image(self, site, version):
        """Return the og:image properties of a version: its first photo, else its gallery's, else the site card."""
        described = site.pages[version.key].versions[version.content_lang]
        candidates = list(self.body_images.get(id(described.source), []) if described.source is not None else [])
        gallery = self.galleries.get(version.key)
        if gallery:
            candidates += [(item["file"], item["alt"].in_lang(version.content_lang).text) for item in gallery["images"]]
        card = self.options["IMAGES_SHARE_CARD"]
        if card:
            candidates.append((card, site.names["name"].in_lang(version.content_lang).text))
        for path, alt in candidates:
            image = self.store.get(path)
            if image is None:
                continue
            copy = [c for c in image.in_encoding(image.fallback) if c.width <= SHARE_WIDTH][-1]
            properties = [
                ("og:image", self.url(copy.published)),
                ("og:image:type", copy.media_type),
                ("og:image:width", str(copy.width)),
                ("og:image:height", str(copy.height)),
                ("og:image:alt", alt),
            ]
            return [{"property": name, "content": content} for name, content in properties]
        return []

    def write(self, model, writer):
        """Copy every image's copies (photos, galleries, document covers) into the output."""
        self.store.publish(writer)
        logger.info(
            "images: %d image(s) published, %d encoded in this build", len(self.store.images), self.store.encoded
        )


def _shown_images(source):
    """Return ((src, alt, line of the source), …) of the images in the content files that ``source``'s body shows."""
    shown = []
    for match in IMAGE.finditer(body_html(source)):
        tag = attributes(match.group(1) or match.group(0))
        src = tag.get("src", "")
        if source_path(src) is not None:
            shown.append((src, tag.get("alt", ""), source_line(source.source_path, re.escape(src))))
    return tuple(shown)


def register():
    """Connect the plugin to Pelican's signals.

    The multilingual core runs ImagesFeature (FEATURE in __init__.py); here only
    the check that the core is listed.
    """
    signals.initialized.connect(require_core)
