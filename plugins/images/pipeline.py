"""Encode one source (a photo, or page 1 of a PDF) into resized copies with no metadata.

Runs in worker processes: everything here is a plain function of its arguments,
and what it makes is written into a cache entry named by the source's bytes and
the settings, so a source that did not change is never encoded again.
"""

import functools
import hashlib
import io
import json
import math
import os
import shutil
from dataclasses import dataclass

from PIL import Image

# Change it when the way copies are made changes: every cache entry is then made again.
PIPELINE_VERSION = "1"
# libaom's speed through libavif (0 slowest … 10 fastest). Measured on a 1600-pixel
# photo: 6 (the default) 3.3 s, 8 1.6 s, 9 0.3 s, 8 and 9 giving files of the same
# size (a third larger than 6, and still half the JPEG's). 9 keeps a cold build of
# fifty photos within the benchmark's 30 s on two cores.
AVIF_SPEED = 9
# The formats every image is published in, best first; the last is the fallback,
# the source's own format family (JPEG for photos, PNG for images with transparency or drawings).
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Job:
    """One source to encode: where it is, what its bytes are, and the settings that shape the copies."""

    source: str
    digest: str
    kind: str  # "photo" or "pdf"
    widths: tuple
    quality: tuple  # sorted (encoding, quality) pairs

    @property
    def key(self):
        """Return the name of the cache entry: the source's bytes and everything that shapes the copies."""
        text = f"{PIPELINE_VERSION}|{self.digest}|{self.kind}|{self.widths}|{self.quality}|{AVIF_SPEED}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path):
    """Return the SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def entry_path(cache_dir, key):
    """Return the cache folder of one encoded source."""
    return os.path.join(cache_dir, key[:2], key)


def read_manifest(entry):
    """Return what a finished cache entry holds, or None if there is none."""
    try:
        with open(os.path.join(entry, MANIFEST), encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def copy_widths(width, widths):
    """Return the widths of the copies of an image ``width`` pixels wide: never wider than it."""
    return sorted({min(w, width) for w in widths})


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def _open_photo(path, largest):
    """Return (upright image, fallback encoding); JPEGs are decoded at the smallest scale that is enough."""
    from PIL import ImageOps  # only encoding needs it, as _to_srgb's ImageCms: a rebuild often encodes nothing

    with Image.open(path) as image:
        fallback = "png" if image.format in ("PNG", "GIF") or _has_alpha(image) else "jpeg"
        if image.format == "JPEG":
            orientation = image.getexif().get(0x0112, 1)
            width, height = image.size
            upright_width = height if orientation in (5, 6, 7, 8) else width
            scale = min(1.0, largest / upright_width)
            # JPEG's DCT scaling: decoding at 1/2, 1/4 or 1/8 is many times faster than full size.
            image.draft(None, (math.ceil(width * scale), math.ceil(height * scale)))
        image.load()  # a truncated or damaged file fails here
        return ImageOps.exif_transpose(image), fallback  # an upright copy


def _open_pdf(path, largest):
    """Return (page 1 rendered at ``largest`` pixels wide on white, "jpeg")."""
    import pypdfium2 as pdfium  # only documents need it

    document = pdfium.PdfDocument(path)
    try:
        page = document[0]
        bitmap = page.render(scale=largest / page.get_width())
        image = bitmap.to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    return image, "jpeg"


@functools.cache
def _srgb():
    """Return Pillow's sRGB profile, made once per process when an image is first encoded."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(image, fallback):
    """Return the image in sRGB (8-bit RGB, or RGBA where it has transparency)."""
    from PIL import ImageCms

    mode = "RGBA" if fallback == "png" and _has_alpha(image) else "RGB"
    profile = image.info.get("icc_profile")
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
                image = image.convert(mode)
            return ImageCms.profileToProfile(image, source, _srgb(), outputMode=mode)
        except (OSError, ImageCms.PyCMSError, ValueError):
            pass  # a broken profile: read the pixels as sRGB
    return image.convert(mode)


def _save(image, encoding, quality, path):
    # No exif, xmp or icc_profile is passed, and image.info is emptied: Pillow's
    # AVIF and WebP writers would otherwise copy them from the opened file.
    image.info = {}
    if encoding == "avif":
        image.save(path, "AVIF", quality=quality, speed=AVIF_SPEED, max_threads=1)
    elif encoding == "webp":
        image.save(path, "WEBP", quality=quality, method=4)
    elif encoding == "jpeg":
        image.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
    else:
        image.save(path, "PNG", optimize=False)


def encode(job, cache_dir):
    """Make every copy of ``job`` in its cache entry and return its manifest."""
    entry = entry_path(cache_dir, job.key)
    largest = max(job.widths)
    opener = _open_pdf if job.kind == "pdf" else _open_photo
    image, fallback = opener(job.source, largest)
    image = _to_srgb(image, fallback)
    width, height = image.size
    quality = dict(job.quality)
    encodings = ["avif", "webp", fallback]
    temporary = f"{entry}.{os.getpid()}.tmp"
    shutil.rmtree(temporary, ignore_errors=True)
    os.makedirs(temporary)
    copies = []
    for copy_width in copy_widths(width, job.widths):
        copy_height = max(1, round(height * copy_width / width))
        copy = (
            image if copy_width == width else image.resize((copy_width, copy_height), Image.LANCZOS, reducing_gap=3.0)
        )
        for encoding in encodings:
            _save(
                copy,
                encoding,
                quality.get(encoding, 90),
                os.path.join(temporary, f"{copy_width}.{EXTENSIONS[encoding]}"),
            )
        copies.append([copy_width, copy_height])
    manifest = {"encodings": encodings, "copies": copies}
    with open(os.path.join(temporary, MANIFEST), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle)
    try:
        os.replace(temporary, entry) if not os.path.isdir(entry) else shutil.rmtree(temporary)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)  # another build made the same entry meanwhile
    return manifest
