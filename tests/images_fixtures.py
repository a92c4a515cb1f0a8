"""Photos and PDFs made in the tests (nothing downloaded): what a phone or a scanner gives an editor."""

import io
from pathlib import Path

from PIL import Image, ImageDraw

# Where a phone says the photo was taken (someone's home, as often as not).
GPS = {1: "N", 2: (42.0, 8.0, 30.5), 3: "E", 4: (25.0, 38.0, 12.25)}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="42,8.5N"/></rdf:RDF></x:xmpmeta>'
)


def photo(path, size=(3000, 2000), orientation=6, fmt="JPEG", alpha=False):
    """Write a phone-like photo: EXIF with GPS, camera and orientation, XMP; return its path.

    The pixels are stored sideways, as a phone does, with ``orientation`` saying how to turn them:
    6 means "turn 90° clockwise", so a 3000×2000 file shows an upright 2000×3000 photo.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGBA" if alpha else "RGB", size, (40, 90, 140, 128) if alpha else (40, 90, 140))
    draw = ImageDraw.Draw(image)
    for step in range(0, size[0], max(1, size[0] // 24)):
        draw.line(
            [(step, 0), (size[0] - step, size[1])], fill=(220, 180 - step % 120, 60), width=max(1, size[0] // 200)
        )
    draw.rectangle([0, 0, size[0] // 10, size[1] // 10], fill=(200, 30, 30))  # the top left of the stored pixels
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif[0x0132] = "2026:11:20 10:15:00"  # DateTime
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(0x8825).update(GPS)
    if fmt == "JPEG":
        image.save(path, "JPEG", quality=90, exif=exif, xmp=XMP)
    else:
        image.save(path, fmt, exif=exif)
    return path


def truncated(path, source):
    """Write the first half of the photo ``source`` to ``path`` (a copy cut short)."""
    data = Path(source).read_bytes()
    Path(path).write_bytes(data[: len(data) // 2])
    return Path(path)


def scanned_pdf(path, pages=2):
    """Write a PDF of images only (a scan: no text layer, no title), made by Pillow."""
    images = [Image.new("RGB", (595, 842), (250, 250, 245)) for _ in range(pages)]
    for image in images:
        ImageDraw.Draw(image).rectangle([60, 60, 535, 200], fill=(11, 61, 92))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, "PDF", save_all=True, append_images=images[1:])
    return path


def text_pdf(path, title="Протокол", pages=3):
    """Write a PDF with a text layer on every page and a title in its Info dictionary, by hand."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for number in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * number} 0 R >>"
        )
        stream = f"BT /F1 24 Tf 72 760 Td (Page {number + 1} of the protocol) Tj ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    utf16 = "FEFF" + title.encode("utf-16-be").hex().upper()
    objects.append(f"<< /Title <{utf16}> >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for index, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{index} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path
