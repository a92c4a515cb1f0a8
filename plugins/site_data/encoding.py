"""Read an editor's text file as UTF-8, and say plainly what it is when it is not.

Editors on Windows sometimes save Cyrillic or Greek text in the old one-byte
code pages. Decoding with one of them succeeding is only a guess, but it lets
the message name what the editor's program most likely did.
"""

from .messages import tr
from .problems import Problem

# Code pages an editor of this site may have used, by the language of the text.
# A byte decodes in almost any of them, so the file's language decides which is
# named first; Bulgarian (Cyrillic) is the most likely for a file of no language.
LEGACY_ENCODINGS = {
    "bg": ("cp1251", tr("Windows-1251 (Cyrillic)")),
    "el": ("cp1253", tr("Windows-1253 (Greek)")),
    "tr": ("cp1254", tr("Windows-1254 (Turkish)")),
}
SAVE_AS_UTF8 = tr(
    "open the file in your editor and save it again as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8)"
)


class NotUtf8(Exception):
    """The file is not UTF-8 text; ``problem`` says where, what it looks like and the fix."""

    def __init__(self, problem):
        self.problem = problem
        super().__init__(str(problem))


def guess_legacy_encoding(data, lang=""):
    """Return the name of the first legacy code page that decodes ``data``, or ''.

    The code page of ``lang`` (the language of the file, if it has one) is tried first.
    """
    order = [LEGACY_ENCODINGS[lang]] if lang in LEGACY_ENCODINGS else []
    for codec, name in order + [entry for entry in LEGACY_ENCODINGS.values() if entry not in order]:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return name
    return ""


def decode_editor_text(data, display_path, lang=""):
    """Return the text of UTF-8 ``data`` (a BOM is dropped), or raise NotUtf8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        looks_like = guess_legacy_encoding(data, lang)
        if looks_like:
            problem = Problem(
                display_path,
                line,
                tr("the file is not UTF-8 text; it looks like {encoding}", encoding=looks_like),
                SAVE_AS_UTF8,
            )
        else:
            problem = Problem(display_path, line, tr("the file is not UTF-8 text"), SAVE_AS_UTF8)
        raise NotUtf8(problem) from None


def read_editor_text(path, display_path, lang=""):
    """Read the file at ``path`` (in language ``lang``, if it has one) as UTF-8 text, or raise NotUtf8."""
    with open(path, "rb") as handle:
        return decode_editor_text(handle.read(), display_path, lang)
