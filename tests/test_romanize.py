"""Slugs from titles: each language's official romanisation, checked word by word.

Bulgarian: the streamlined system of the Transliteration Act (2009): щ→sht, ъ→a,
ь→y, ю→yu, я→ya, ж→zh, ц→ts, й→y; "ия" at the end of a word is "ia", elsewhere
"iya"; the country's name is "Bulgaria" (the Act's exception).
Greek: ELOT 743 (= ISO 843 transcription, used on passports and road signs):
αυ/ευ/ηυ are av/ev/iv before a vowel or voiced consonant and af/ef/if otherwise;
μπ is b at the start or end of a word and mp inside it; ντ is always nt; γγ→ng,
γκ→gk, γξ→nx, γχ→nch; accents are dropped and a diaeresis splits a digraph.
Turkish: the Latin letters without their diacritics, with İ/I/ı handled before
lower-casing.
"""

import re

import pytest

from multilingual.romanize import romanize_bg, romanize_el, romanize_tr, slugify

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        # One letter or rule at a time.
        ("Щастие", "shtastie"),
        ("Ямбол", "yambol"),
        ("Юридически услуги", "yuridicheski-uslugi"),
        ("Жеравна", "zheravna"),
        ("Царево", "tsarevo"),
        ("Хасково", "haskovo"),
        ("Шумен", "shumen"),
        ("Габрово", "gabrovo"),
        ("Кюстендил", "kyustendil"),
        ("Пазарджик", "pazardzhik"),
        ("Трансгранично сътрудничество", "transgranichno-satrudnichestvo"),
        ("Добрич", "dobrich"),
        ("Майка", "mayka"),
        ("Шофьор", "shofyor"),  # ь (only before о) is y
        # Final "ия" is "ia"; the same letters inside a word are "iya".
        ("Обучения", "obuchenia"),
        ("София", "sofia"),
        ("Русия и Турция", "rusia-i-turtsia"),
        ("Русия-Турция", "rusia-turtsia"),
        ("Пияница", "piyanitsa"),
        ("Декларация за достъпност", "deklaratsia-za-dostapnost"),
        # The Act's exception: the country's established name.
        ("България", "bulgaria"),
        ("Република България", "republika-bulgaria"),
        ("БЪЛГАРИЯ", "bulgaria"),
        # Upper case is the same letters.
        ("ЩАСТИЕ", "shtastie"),
        ("Сайтът на РАО „Тракия“ вече е на четири езика", "saytat-na-rao-trakia-veche-e-na-chetiri-ezika"),
    ],
)
def test_bulgarian_streamlined_system(title, slug):
    assert slugify(title, "bg") == slug


@pytest.mark.parametrize(
    ("letter", "latin"),
    [
        ("щ", "sht"),
        ("ъ", "a"),
        ("ь", "y"),
        ("ю", "yu"),
        ("я", "ya"),
        ("ж", "zh"),
        ("ц", "ts"),
        ("й", "y"),
        ("ч", "ch"),
        ("ш", "sh"),
        ("х", "h"),
        ("в", "v"),
        ("и", "i"),
    ],
)
def test_bulgarian_letters(letter, latin):
    assert romanize_bg(letter) == latin
    assert romanize_bg(letter.upper()) == latin


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ξάνθη", "xanthi"),
        ("Θράκη", "thraki"),
        ("Αλεξανδρούπολη", "alexandroupoli"),
        ("Κομοτηνή", "komotini"),
        ("Θεσσαλονίκη", "thessaloniki"),
        ("Πειραιάς", "peiraias"),
        ("Ψυχή", "psychi"),
        # αυ, ευ: v before a vowel or a voiced consonant, f before a voiceless one or at the end.
        ("Ευρώπη", "evropi"),
        ("Αύγουστος", "avgoustos"),
        ("ευχαριστώ", "efcharisto"),
        ("Ευάγγελος", "evangelos"),
        ("Ευθύμιος", "efthymios"),
        ("αυτός", "aftos"),
        ("Δαυίδ", "david"),
        ("ταυ", "taf"),
        ("ευυπόληπτος", "evypoliptos"),
        # A diaeresis splits the pair: α-υ, not αυ.
        ("Ταΰγετος", "taygetos"),
        ("Ευβοϊκός", "evvoikos"),
        # μπ: b at the start or the end of a word, mp inside it.
        ("Μπαρ", "bar"),
        ("Μπάμπης", "bampis"),
        ("Ολυμπία", "olympia"),
        ("κεμπάμπ", "kempab"),
        # ντ is nt everywhere in ELOT 743 (Greek passports write NTORA, not DORA).
        ("Ντομάτα", "ntomata"),
        ("Πέντε", "pente"),
        # γ before γ, κ, ξ, χ.
        ("Άγγελος", "angelos"),
        ("αγκώνας", "agkonas"),
        ("άγχος", "anchos"),
        ("ελέγξω", "elenxo"),
        # Accents and the final sigma, in either case.
        ("ΟΔΟΣ", "odos"),
        ("Οδός", "odos"),
        ("Δήλωση προσβασιμότητας", "dilosi-prosvasimotitas"),
        ("Με τι ασχολούμαστε", "me-ti-ascholoumaste"),
    ],
)
def test_greek_elot_743(title, slug):
    assert slugify(title, "el") == slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("İşbirliği", "isbirligi"),
        ("IĞDIR", "igdir"),
        ("Çanakkale", "canakkale"),
        ("Şişli", "sisli"),
        ("Üsküdar", "uskudar"),
        ("Edirne Kırklareli Tekirdağ", "edirne-kirklareli-tekirdag"),
        ("İSTANBUL", "istanbul"),
        ("Ağrı Dağı", "agri-dagi"),
        ("Gölcük", "golcuk"),
        ("Sınır Ötesi İşbirliği", "sinir-otesi-isbirligi"),
        ("Erişilebilirlik Beyanı", "erisilebilirlik-beyani"),
    ],
)
def test_turkish_folding(title, slug):
    assert slugify(title, "tr") == slug


def test_turkish_dotted_capital_i_is_folded_before_lower_casing():
    # Python lower-cases "İ" to "i" plus U+0307 COMBINING DOT ABOVE: two code points,
    # and a slug made by plain lower() then "non-letters to hyphens" splits the word.
    assert "İ".lower() == "i\u0307"
    assert re.sub(r"[^a-zşğüöçı]+", "-", "İşbirliği".lower()) == "i-şbirliği"
    folded = romanize_tr("İşbirliği")
    assert folded == "isbirligi"
    assert "\u0307" not in folded
    # Dotless capital I is ı in Turkish; both fold to the plain letter i.
    assert romanize_tr("IĞDIR") == "igdir"
    assert romanize_tr("ılık") == "ilik"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("What we do", "what-we-do"),
        ("Accessibility statement", "accessibility-statement"),
        ("Supporting local economic development", "supporting-local-economic-development"),
        ("Café & Co.", "cafe-co"),
        ("The Association’s website", "the-associations-website"),
    ],
)
def test_english(title, slug):
    assert slugify(title, "en") == slug


@pytest.mark.parametrize(
    ("title", "lang", "slug"),
    [
        ("„Тракия“", "bg", "trakia"),
        ("РАО „Тракия“ – обучения", "bg", "rao-trakia-obuchenia"),
        ("«Θράκη»", "el", "thraki"),
        ("ΠΕΔ «Θράκη»", "el", "ped-thraki"),
        ("“Trakya”", "tr", "trakya"),
        ("“Trakya” Birliği’nin sitesi", "tr", "trakya-birliginin-sitesi"),
        ("“Thrace”", "en", "thrace"),
        ('  "Thrace" -- news!  ', "en", "thrace-news"),
        ("Обучения: 2027 г.", "bg", "obuchenia-2027-g"),
        ("…Ξάνθη, Θράκη…", "el", "xanthi-thraki"),
    ],
)
def test_punctuation_and_quotes_are_stripped(title, lang, slug):
    assert slugify(title, lang) == slug


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("  — Тракия — ", "bg"),
        ("„Обучения“ / 2027", "bg"),
        ("«Ευρώπη» ... !", "el"),
        ("--İşbirliği--", "tr"),
        ("A  --  B", "en"),
    ],
)
def test_slugs_have_no_leading_trailing_or_double_hyphens(title, lang):
    slug = slugify(title, lang)
    assert SLUG.match(slug), slug


def test_romanizers_return_lowercase_latin():
    assert romanize_bg("Хасково") == "haskovo"
    assert romanize_el("Κομοτηνή") == "komotini"
    assert romanize_tr("Çanakkale") == "canakkale"
