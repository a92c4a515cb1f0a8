"""The site's identity: its icons, the wordmark in the header, and a share card per page and language."""

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import LANGUAGES, REPO, TEST_SITEURL, build, page_for_url, read_html
from publishing.identity import BACKGROUND, BARS, GRID, icon_svg
from publishing.share_card import HEIGHT, WIDTH, card_name, theme_fonts, title_lines, wrap

NAMES = yaml.safe_load((REPO / "data" / "site.yaml").read_text(encoding="utf-8"))
SITEURL = "https://example.test"
FONTS = theme_fonts(str(REPO / "themes" / "thrace"))


def rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


# Icons -----------------------------------------------------------------------------------------


def head_icons(soup):
    return {
        (tuple(link["rel"]), link.get("type"), link["href"])
        for link in soup.select("head link[rel~=icon], head link[rel=apple-touch-icon]")
    }


def test_every_page_links_the_three_icons_and_they_are_published(real_site):
    expected = {
        (("icon",), None, "/favicon.ico"),
        (("icon",), "image/svg+xml", "/favicon.svg"),
        (("apple-touch-icon",), None, "/apple-touch-icon.png"),
    }
    for lang in LANGUAGES:
        for name in ("index.html", "404.html"):
            path = real_site / ("" if lang == "bg" else lang) / name
            assert head_icons(read_html(path)) == expected, path
    for _rel, _type, href in expected:
        assert page_for_url(real_site, href).is_file(), href


def sample(image, x, y):
    """Return the colour at a point of the 64-unit drawing grid."""
    size = image.size[0]
    return image.convert("RGB").getpixel((int(x * size / GRID), int(y * size / GRID)))


@pytest.mark.parametrize("size", [16, 32, 48])
def test_favicon_ico_holds_the_drawing_at_each_size(real_site, size):
    ico = Image.open(real_site / "favicon.ico")
    assert set(ico.info["sizes"]) == {(16, 16), (32, 32), (48, 48)}
    ico.size = (size, size)
    image = ico.copy()
    (bar_left, bar_top, bar_right, bar_bottom), (stem_left, _t, stem_right, stem_bottom) = BARS
    assert sample(image, (stem_left + stem_right) / 2, (bar_top + stem_bottom) / 2) == (255, 255, 255)
    assert sample(image, (bar_left + bar_right) / 2, (bar_top + bar_bottom) / 2) == (255, 255, 255)
    assert sample(image, GRID / 2, GRID - 4) == rgb(BACKGROUND)
    assert sample(image, 4, GRID / 2) == rgb(BACKGROUND)


def test_apple_touch_icon_is_opaque_180_and_the_same_drawing(real_site):
    image = Image.open(real_site / "apple-touch-icon.png")
    assert image.size == (180, 180) and image.mode == "RGB"
    assert sample(image, 32, 40) == (255, 255, 255)
    assert sample(image, 0, 0) == rgb(BACKGROUND)  # square: iOS rounds the corners itself


def test_favicon_svg_is_the_same_drawing(real_site):
    published = (real_site / "favicon.svg").read_text(encoding="utf-8")
    assert published == icon_svg()
    root = ET.fromstring(published)
    assert root.get("viewBox") == f"0 0 {GRID} {GRID}"
    rects = [
        (float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("width")), float(r.get("height")))
        for r in root.iter("{http://www.w3.org/2000/svg}rect")
    ]
    assert rects[1:] == [(left, top, right - left, bottom - top) for left, top, right, bottom in BARS]
    assert not list(root.iter("{http://www.w3.org/2000/svg}text")), "the icon needs no font"


# Wordmark --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_header_wordmark_is_the_associations_names(real_site, lang):
    soup = read_html(real_site / ("" if lang == "bg" else lang) / "index.html")
    link = soup.select_one("header .th-wordmark a")
    assert link["href"] == ("/" if lang == "bg" else f"/{lang}/")
    assert link.select_one(".th-wordmark__short").get_text() == NAMES["short_name"][lang]
    assert link.select_one(".th-wordmark__full").get_text() == NAMES["name"][lang]
    assert not soup.select("header img, header svg"), "the wordmark is text, not a picture"


# Share cards -----------------------------------------------------------------------------------


def test_wrap_and_cut_a_long_title():
    font, lines = title_lines("Дума " * 80, FONTS.title, WIDTH - 160)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= WIDTH - 160 for line in lines)
    assert wrap("Şehir İçi Θράκη Тракия", font, 10_000) == ["Şehir İçi Θράκη Тракия"]


def test_a_card_is_named_by_every_input():
    names = {card_name("A", "B", "f"), card_name("A", "C", "f"), card_name("X", "B", "f"), card_name("A", "B", "g")}
    assert len(names) == 4 and card_name("A", "B", "f") == card_name("A", "B", "f")


def cards_of(output, siteurl):
    """Return {page: og:image properties} of every canonical page of a build at ``siteurl``."""
    found = {}
    for path in sorted(Path(output).rglob("index.html")):
        soup = read_html(path)
        canonical = soup.select_one("link[rel=canonical]")
        if canonical is None or not canonical["href"].startswith(siteurl):
            continue
        found[path.relative_to(output).as_posix()] = {
            meta["property"]: meta["content"] for meta in soup.select("meta[property^='og:image']")
        } | {
            "title": soup.select_one("meta[property='og:title']")["content"],
            "twitter": soup.select_one("meta[name='twitter:card']")["content"],
        }
    return found


def test_every_page_has_its_card_in_its_language(published_site):
    # The publication build is the one that makes cards (publishconf.py): every page of the real site.
    cards = cards_of(published_site, TEST_SITEURL)
    assert len(cards) > 4 * 20
    images = {}
    for page, card in cards.items():
        assert card["og:image"].startswith(f"{TEST_SITEURL}/assets/cards/card."), page
        assert (card["og:image:width"], card["og:image:height"]) == (str(WIDTH), str(HEIGHT))
        assert card["title"] in card["og:image:alt"], page
        assert card["twitter"] == "summary_large_image"
        file = page_for_url(published_site, card["og:image"], TEST_SITEURL)
        image = Image.open(file)
        assert image.size == (WIDTH, HEIGHT) and image.format == "PNG"
        images.setdefault(card["og:image"], set()).add(card["title"])
    # One card per title: pages with different titles never share one.
    assert all(len(titles) == 1 for titles in images.values())
    homes = {cards[f"{'' if lang == 'bg' else lang + '/'}index.html"]["og:image"] for lang in LANGUAGES}
    assert len(homes) == 4
    for lang in LANGUAGES:
        alt = cards[f"{'' if lang == 'bg' else lang + '/'}index.html"]["og:image:alt"]
        assert alt == NAMES["name"][lang]


def test_cards_are_reproducible_and_taken_from_the_cache_by_their_inputs(tiny_site, tmp_path):
    def build_cards(name, cache):
        # No static share card, as in publishconf.py: it would be encoded again in each new cache.
        return build(
            tiny_site,
            tmp_path / name,
            SITEURL=SITEURL,
            PUBLISHING_SHARE_CARDS=True,
            IMAGES_SHARE_CARD="",
            CACHE_PATH=str(tmp_path / cache),
        )

    output = build_cards("output", "cache")
    again = build_cards("again", "fresh-cache")
    first = sorted((output / "assets" / "cards").iterdir())
    assert len(first) > 4
    assert [p.name for p in first] == sorted(p.name for p in (again / "assets" / "cards").iterdir())
    assert all(p.read_bytes() == (again / "assets" / "cards" / p.name).read_bytes() for p in first)
    # A card found in the cache under its name is not drawn again.
    cached = tmp_path / "cache" / "share-cards" / first[0].name
    marker = io.BytesIO()
    Image.new("RGB", (WIDTH, HEIGHT), "red").save(marker, "PNG")
    cached.write_bytes(marker.getvalue())
    rebuilt = build_cards("rebuilt", "cache")
    assert (rebuilt / "assets" / "cards" / first[0].name).read_bytes() == marker.getvalue()
