"""Slugs from titles by each language's official romanisation.

- Bulgarian: the streamlined system of the Bulgarian Transliteration Act (2009),
  with its rule that a word-final "ия" is written "ia" and its exception for
  the name of the country ("България" is "Bulgaria").
- Greek: ELOT 743 (the Greek standard, equal to ISO 843 transcription for
  passports and road signs).
- Turkish: the Latin letters without their diacritics.
"""

import functools
import re
import unicodedata

from unidecode import unidecode

BG_LETTERS = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sht",
    "ъ": "a",
    "ь": "y",
    "ю": "yu",
    "я": "ya",
    "ѝ": "i",
}

EL_LETTERS = {
    "α": "a",
    "β": "v",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "i",
    "θ": "th",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "x",
    "ο": "o",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "υ": "y",
    "φ": "f",
    "χ": "ch",
    "ψ": "ps",
    "ω": "o",
}
# ELOT 743: αυ, ευ, ηυ are "v" before a vowel or a voiced consonant, "f" otherwise.
EL_VOICED = set("αεηιουωβγδζλμνρ")
EL_DIGRAPHS = {"ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "γγ": "ng", "γκ": "gk", "γξ": "nx", "γχ": "nch"}
# ELOT 743: "μπ" is "b" at the start or end of a word and "mp" inside it
# (Μπάμπης → Bampis); "ντ" is always "nt" (Ντομάτα → ntomata), unlike BGN/PCGN.
EL_WORD_EDGE = {"μπ": "b"}

TR_LETTERS = {"ç": "c", "ğ": "g", "ı": "i", "i̇": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u"}


# The Act (art. 6) keeps the established form of the country's name.
BG_EXCEPTIONS = {"българия": "bulgaria"}


def romanize_bg(text):
    """Romanise Bulgarian text by the streamlined system (щ→sht, ъ→a, final ия→ia)."""
    text = re.sub(r"\w+", lambda m: BG_EXCEPTIONS.get(m.group(0), m.group(0)), text.lower())
    text = re.sub(r"ия\b", "ia", text)
    return "".join(BG_LETTERS.get(ch, ch) for ch in text)


def _strip_greek_accents(text):
    decomposed = unicodedata.normalize("NFD", text)
    # Keep the diaeresis (U+0308): it splits a digraph, as in "αϊ" (a-i, not ai).
    kept = "".join(ch for ch in decomposed if ch not in "\u0301\u0300\u0342\u0313\u0314\u0345")
    return unicodedata.normalize("NFC", kept)


def romanize_el(text):
    """Romanise Greek text by ELOT 743 (Ξάνθη→xanthi, Θράκη→thraki, Ευρώπη→evropi)."""
    text = _strip_greek_accents(text.lower())
    out = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        at_word_edge = i == 0 or not text[i - 1].isalpha() or i + 2 >= len(text) or not text[i + 2].isalpha()
        if len(pair) == 2 and pair[1] == "υ" and pair[0] in "αεη":
            following = text[i + 2] if i + 2 < len(text) else ""
            vowel = {"α": "a", "ε": "e", "η": "i"}[pair[0]]
            out.append(vowel + ("v" if following in EL_VOICED else "f"))
            i += 2
            continue
        if at_word_edge and pair in EL_WORD_EDGE:
            out.append(EL_WORD_EDGE[pair])
            i += 2
            continue
        if pair in EL_DIGRAPHS:
            out.append(EL_DIGRAPHS[pair])
            i += 2
            continue
        ch = unicodedata.normalize("NFD", text[i])[0]
        out.append(EL_LETTERS.get(ch, text[i]))
        i += 1
    return "".join(out)


def romanize_tr(text):
    """Fold Turkish letters to plain Latin (İşbirliği→isbirligi), before lower-casing."""
    # Python lower-cases "İ" to "i" plus a combining dot, so fold it first.
    text = text.replace("İ", "i").replace("I", "ı").lower()
    return "".join(TR_LETTERS.get(ch, ch) for ch in text)


ROMANIZERS = {"bg": romanize_bg, "el": romanize_el, "tr": romanize_tr}


@functools.lru_cache(maxsize=65536)
def slugify(title, lang):
    """Return a lowercase ASCII slug of ``title`` by the romanisation of ``lang``.

    Remembered: a build asks for the same title's slug several times (a page and
    its fallbacks, the clash check), and the preview's next build for all of them again.
    """
    # An apostrophe joins a word and its ending ("Association’s", "Türkiye’deki"): drop it, no hyphen.
    romanized = re.sub(r"['’ʼ]", "", ROMANIZERS.get(lang, str.lower)(title))
    ascii_text = unidecode(romanized).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
