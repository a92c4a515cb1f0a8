"""What the documents page says about a PDF: its pages, and whether a screen reader can read it."""

import os
from dataclasses import dataclass

from site_data import Problem, tr

# Pages looked at for text: a scan has none on any page; a text PDF has some early on.
TEXT_PAGES = 3


@dataclass(frozen=True)
class PdfInfo:
    """The facts of a PDF the documents page shows or checks."""

    pages: int
    title: str
    has_text: bool


def read_pdf(source, path, record_path, line):
    """Return (PdfInfo or None, problems) for the PDF at ``source`` (``path`` under content/).

    A PDF that cannot be opened is an error; one without a text layer (a scan)
    or without a title of its own is a warning, at the line that names the file.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(source)
    except (pdfium.PdfiumError, OSError) as error:
        return None, [
            Problem(
                record_path,
                line,
                tr("content/{path} cannot be read as a PDF ({error})", path=path, error=str(error)),
                tr("export the document again as PDF from the program that made it, and replace the file"),
            )
        ]
    try:
        pages = len(document)
        title = (document.get_metadata_dict().get("Title") or "").strip()
        has_text = False
        for index in range(min(pages, TEXT_PAGES)):
            page = document[index]
            text = page.get_textpage()
            has_text = text.count_chars() > 0
            text.close()
            page.close()
            if has_text:
                break
    finally:
        document.close()
    problems = []
    if not has_text:
        problems.append(
            Problem(
                record_path,
                line,
                tr(
                    "content/{path} has no text, only pictures of pages (a scan): screen readers and search cannot read it",
                    path=path,
                ),
                tr(
                    "publish the PDF exported from the original document, or run text recognition (OCR) on the scan "
                    "and replace the file"
                ),
                "warning",
            )
        )
    # Many programs write the file's own name as the title when none was given.
    if not title or title == os.path.splitext(os.path.basename(path))[0]:
        problems.append(
            Problem(
                record_path,
                line,
                tr(
                    "content/{path} has no title in its properties: a reader's PDF viewer shows its file name instead",
                    path=path,
                ),
                tr(
                    "set the title in the document's properties (File › Properties) in the program that made it, "
                    "export the PDF again and replace the file"
                ),
                "warning",
            )
        )
    return PdfInfo(pages, title, has_text), problems
