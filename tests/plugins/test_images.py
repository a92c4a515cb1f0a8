"""The images plugin: resized copies without metadata, <picture> markup, the cache, galleries, editors' mistakes."""

import os
import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import LANGUAGES, REPO, build, read_html, write_tiny_site
from images_fixtures import photo, truncated
from site_build import check_site
from site_checks import failed_build, line_of

NEWS = "content/news/2026-11-28-visit.{lang}.md"
NEWS_TITLE = "Посещение в Ксанти"
SIZES = "(min-width: 47rem) 45rem, calc(100vw - 2rem)"
# Stored sizes of the two photos: "signing" is stored sideways (orientation 6), so upright it is 1650×1800.
SIGNING, HALL = (1800, 1650), (1700, 1000)
ENCODINGS = {"avif": "AVIF", "webp": "WEBP", "jpg": "JPEG", "png": "PNG"}


def news_item(root, body, lang="bg"):
    """Write a news item with ``body``; return its path."""
    path = Path(root) / NEWS.format(lang=lang)
    path.write_text(
        f"Title: {NEWS_TITLE}\nDate: 2026-11-28\nSummary: Снимки от посещението.\n\n{body}\n", encoding="utf-8"
    )
    return path


def pages_with(output, text):
    """Yield the parsed pages of a build whose HTML contains ``text``: the others need not be parsed."""
    for path in sorted(Path(output).rglob("index.html")):
        if text in path.read_text(encoding="utf-8"):
            yield read_html(path)


def news_pages(output):
    """Return {lang: parsed news page} of the news item in every language."""
    found = {}
    for soup in pages_with(output, NEWS_TITLE):
        heading = soup.find("h1")
        if heading is not None and heading.get_text(strip=True) == NEWS_TITLE:
            found[soup.html["lang"]] = soup
    return found


@pytest.fixture(scope="module")
def image_cache(tmp_path_factory):
    """A cache shared by the tests that are not about the cache: the test photos have the same bytes in each."""
    return str(tmp_path_factory.mktemp("image-cache"))


def add_photos(root):
    """Add a news item showing two phone photos, one captioned, to a copy of the site."""
    photo(root / "content/images/news/signing.jpg", size=SIGNING)
    photo(root / "content/images/news/hall.jpg", size=HALL, orientation=1)
    news_item(
        root,
        '![Кметовете подписват протокола](images/news/signing.jpg "Подписването на протокола")\n\n'
        "Текст на новината.\n\n![Залата](images/news/hall.jpg)",
    )
    return root


@pytest.fixture
def photo_site(site_copy):
    """A copy of the site with a news item showing two phone photos, one captioned."""
    return add_photos(site_copy)


@pytest.fixture(scope="module")
def photo_build(tmp_path_factory, image_cache):
    """The tiny site with the photos and its build, made once for the tests that only read them.

    Its photos are encoded by a pool of workers, one per core, as in an editor's build
    (the other test builds encode in their own process).
    """
    root = add_photos(write_tiny_site(tmp_path_factory.mktemp("photo-site")))
    return root, build(root, root / "output", CACHE_PATH=image_cache, IMAGES_WORKERS=max(2, os.cpu_count() or 1))


def published_images(output):
    return sorted(path for path in (Path(output) / "images" / "news").rglob("*") if path.is_file())


def test_every_published_image_is_resized_upright_and_without_metadata(photo_build):
    photo_site, output = photo_build
    files = published_images(output)
    originals = {path.name: path.read_bytes() for path in (photo_site / "content/images/news").iterdir()}
    assert not any(path.read_bytes() in originals.values() for path in files), "an original was published as it is"
    made = set()
    for path in files:
        name, width, _fingerprint, extension = re.fullmatch(r"(\w+)-(\d+)\.([0-9a-f]{10})\.(\w+)", path.name).groups()
        with Image.open(path) as image:
            assert image.format == ENCODINGS[extension]
            assert image.width == int(width)
            assert not image.getexif(), f"{path.name} keeps EXIF"
            assert not image.getexif().get_ifd(0x8825), f"{path.name} keeps the GPS position"
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(image.info), (
                f"{path.name}: {set(image.info)}"
            )
            if name == "signing":  # stored sideways with orientation 6: upright it is taller than wide
                assert image.height == round(image.width * SIGNING[0] / SIGNING[1])
                # The red corner of the stored pixels is at the top right once turned.
                assert image.convert("RGB").getpixel((image.width - 3, 3))[0] > 150
            else:
                assert image.height == round(image.width * HALL[1] / HALL[0])
        assert b"PhoneMaker" not in path.read_bytes() and b"GPSLatitude" not in path.read_bytes()
        made.add((name, int(width), extension))
    for name in ("signing", "hall"):
        assert {(width, extension) for n, width, extension in made if n == name} == {
            (width, extension) for width in (480, 960, 1600) for extension in ("avif", "webp", "jpg")
        }
    assert not (output / "images/news/signing.jpg").exists()


def test_images_are_pictures_with_sizes_and_the_first_is_not_lazy(photo_build):
    _photo_site, output = photo_build
    pages = news_pages(output)
    assert set(pages) == set(LANGUAGES)
    for lang, soup in pages.items():
        pictures = soup.select("main .th-prose picture")
        assert len(pictures) == 2, lang
        for picture in pictures:
            sources = picture.find_all("source")
            assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
            for element in sources + [picture.img]:
                assert element["sizes"] == SIZES
                widths = [int(candidate.split()[1][:-1]) for candidate in element["srcset"].split(", ")]
                assert widths == [480, 960, 1600]
            assert picture.img["src"].endswith(".jpg")
        first, second = (picture.img for picture in pictures)
        assert (first["width"], first["height"], first["alt"]) == (
            "1600",
            str(round(1600 * SIGNING[0] / SIGNING[1])),
            "Кметовете подписват протокола",
        )
        assert (second["width"], second["height"], second["alt"]) == (
            "1600",
            str(round(1600 * HALL[1] / HALL[0])),
            "Залата",
        )
        assert "loading" not in first.attrs and "decoding" not in first.attrs
        assert (second["loading"], second["decoding"]) == ("lazy", "async")
        figure = soup.select_one("main figure.th-figure")
        assert figure.picture is pictures[0]
        assert figure.figcaption.get_text(strip=True) == "Подписването на протокола"
        assert pictures[1].find_parent("figure") is not None, (
            "an image alone in its paragraph is a figure without caption"
        )
        shared = {meta["property"]: meta["content"] for meta in soup.select('meta[property^="og:image"]')}
        assert shared["og:image"] == first["src"].replace("-960.", "-1600.")
        assert (shared["og:image:width"], shared["og:image:height"]) == (first["width"], first["height"])
        assert shared["og:image:alt"] == "Кметовете подписват протокола"
        for src in [first["src"]] + [
            c.split()[0] for s in pictures[0].find_all("source") for c in s["srcset"].split(", ")
        ]:
            assert (output / src.lstrip("/")).is_file(), src


def test_a_page_without_a_photo_shares_the_site_card(photo_build):
    _photo_site, output = photo_build
    soup = read_html(output / "en" / "index.html")
    shared = {meta["property"]: meta["content"] for meta in soup.select('meta[property^="og:image"]')}
    assert re.fullmatch(r"/images/site-card-1200\.[0-9a-f]{10}\.png", shared["og:image"])
    assert (shared["og:image:width"], shared["og:image:height"]) == ("1200", "630")
    assert shared["og:image:alt"] == "Regional Association of Municipalities “Thrace”"


def test_a_small_image_is_never_enlarged_and_keeps_its_transparency(tiny_site, tmp_path, image_cache):
    photo(tiny_site / "content/images/logo.png", size=(600, 300), orientation=0, fmt="PNG", alpha=True)
    news_item(tiny_site, "Лого: ![Логото](images/logo.png) в текста.")
    output = build(tiny_site, tmp_path / "output", CACHE_PATH=image_cache)
    picture = news_pages(output)["bg"].select_one("main .th-prose p picture")
    assert picture is not None, "an image inside text stays in its paragraph"
    assert [c.split()[1] for c in picture.img["srcset"].split(", ")] == ["480w", "600w"]
    assert (picture.img["width"], picture.img["height"]) == ("600", "300")
    with Image.open(output / picture.img["src"].lstrip("/")) as image:
        assert image.format == "PNG" and image.mode == "RGBA"


def test_a_second_build_encodes_nothing_and_a_new_setting_encodes_again(tiny_site, tmp_path):
    photo_site = add_photos(tiny_site)  # what is cached does not depend on the rest of the site
    cache = tmp_path / "cache"
    # Small copies: what is checked is which copies are encoded, not their size (the photo build checks that).
    widths = [120, 240, 360]

    def build_photos(output, **overrides):
        return build(photo_site, output, CACHE_PATH=str(cache), **{"IMAGES_WIDTHS": widths} | overrides)

    output = build_photos(tmp_path / "output")
    made = {path: path.stat().st_mtime_ns for path in (cache / "images").rglob("*") if path.is_file()}
    published = {path.name: path.read_bytes() for path in published_images(output)}
    assert {re.sub(r"\.[0-9a-f]{10}\.", ".", name) for name in published} == {
        f"{name}-{width}.{extension}"
        for name in ("signing", "hall")
        for width in widths
        for extension in ("avif", "webp", "jpg")
    }
    assert len(made) == 2 * (9 + 1) + 9 + 1 + 1, (
        "two photos and the site card: nine copies and a manifest each; the sources' index"
    )
    build_photos(output)
    assert {path: path.stat().st_mtime_ns for path in (cache / "images").rglob("*") if path.is_file()} == made
    assert {path.name: path.read_bytes() for path in published_images(output)} == published
    # A photo replaced under the same name is read and encoded again, under new names.
    photo(photo_site / "content/images/news/hall.jpg", size=(1700, 1100), orientation=1)
    build_photos(output)
    renamed = {path.name for path in published_images(output)} ^ set(published)
    assert len(renamed) == 2 * 9 and all(name.startswith("hall-") for name in renamed)
    build_photos(output, IMAGES_WIDTHS=[100, 200])
    names = {path.name for path in published_images(output)}
    assert {re.sub(r"\.[0-9a-f]{10}\.", ".", name) for name in names} == {
        f"{name}-{width}.{extension}"
        for name in ("signing", "hall")
        for width in (100, 200)
        for extension in ("avif", "webp", "jpg")
    }
    assert not names & set(published), "other copies have other names"


def test_a_damaged_image_is_an_error_at_the_line_that_shows_it(photo_site, image_cache, real_site):
    rebuild = failed_build(photo_site, real_site)
    truncated(photo_site / "content/images/news/hall.jpg", photo_site / "content/images/news/signing.jpg")
    message = rebuild(CACHE_PATH=image_cache)
    path = photo_site / NEWS.format(lang="bg")
    assert (
        f"content/news/2026-11-28-visit.bg.md:{line_of(path, 'images/news/hall.jpg')}: the image content/images/news/hall.jpg cannot be read"
        in message
    )
    assert "save it again as JPEG or PNG" in message


def test_missing_or_misplaced_images_are_errors(site_copy, real_site):
    rebuild = failed_build(site_copy, real_site)
    photo(site_copy / "content/documents/photo.jpg")
    path = news_item(site_copy, "![Снимка](images/nowhere.jpg)\n\n![Друга](documents/photo.jpg)")
    message = rebuild()
    assert (
        f"content/news/2026-11-28-visit.bg.md:{line_of(path, 'nowhere.jpg')}: the file content/images/nowhere.jpg does not exist"
        in message
    )
    assert (
        f"content/news/2026-11-28-visit.bg.md:{line_of(path, 'documents/photo.jpg')}: the image 'documents/photo.jpg' is not in content/images/"
        in message
    )


def test_a_huge_photo_is_a_warning_with_the_fix(tiny_site, image_cache):
    photo_site = add_photos(tiny_site)
    overrides = {
        "PATH": str(photo_site / "content"),
        "SITE_DATA_PATH": str(photo_site / "data"),
        "MULTILINGUAL_TRANSLATIONS_PATH": str(REPO / "translations"),
        # The size is checked before the cache is looked up: the photos encoded for the photo build are not again.
        "CACHE_PATH": image_cache,
        "IMAGES_MAX_MEGAPIXELS": 2,
    }
    warnings = [str(p) for p in check_site(REPO / "pelicanconf.py", overrides) if "megapixels" in p.message]
    path = photo_site / NEWS.format(lang="bg")
    assert warnings == [
        f"content/news/2026-11-28-visit.bg.md:{line_of(path, 'signing.jpg')}: the photo content/images/news/signing.jpg "
        f"is 3 megapixels and {(photo_site / 'content/images/news/signing.jpg').stat().st_size / 1e6:.1f} MB, more than a "
        "web page needs; it slows every build that encodes it — save it at most 3200 pixels wide (as JPEG, quality 85) "
        "and replace the file [warning]"
    ]


GALLERY = """page: 2026-11-28-visit
images:
  - file: images/news/signing.jpg
    alt:
      bg: Кметовете подписват протокола
      en: The mayors sign the protocol
      el: Οι δήμαρχοι υπογράφουν το πρωτόκολλο
      tr: Belediye başkanları protokolü imzalıyor
    caption:
      bg: Ксанти
      en: Xanthi
      el: Ξάνθη
      tr: İskeçe
  - file: images/news/hall.jpg
    alt:
      bg: Залата
"""


def test_a_gallery_shows_its_photos_with_alt_text_per_language(photo_site, tmp_path, image_cache):
    news_item(photo_site, "Текст без снимки.")
    (photo_site / "data/galleries").mkdir()
    (photo_site / "data/galleries/visit.yaml").write_text(GALLERY, encoding="utf-8")
    training = "training-calendar:training:example-2026-12-municipality-to-municipality"
    (photo_site / "data/galleries/training.yaml").write_text(
        GALLERY.replace("2026-11-28-visit", training), encoding="utf-8"
    )
    output = build(photo_site, tmp_path / "output", CACHE_PATH=image_cache)
    trainings = [soup for soup in pages_with(output, "th-gallery") if soup.select("article.th-training ul.th-gallery")]
    assert sorted(soup.html["lang"] for soup in trainings) == sorted(LANGUAGES), (
        "a training shows its gallery in every language"
    )
    alts = {"bg": "Кметовете подписват протокола", "en": "The mayors sign the protocol"}
    pages = news_pages(output)
    assert set(pages) == set(LANGUAGES)
    for lang, soup in pages.items():
        figures = soup.select("main ul.th-gallery > li > figure.th-figure")
        assert len(figures) == 2
        first, second = figures[0].img, figures[1].img
        if lang in alts:
            assert first["alt"] == alts[lang] and "lang" not in first.attrs
            assert figures[0].figcaption.get_text(strip=True) == {"bg": "Ксанти", "en": "Xanthi"}[lang]
        # Only Bulgarian is written for the second photo: its alt is marked as Bulgarian elsewhere.
        assert second["alt"] == "Залата" and second.get("lang") == (None if lang == "bg" else "bg")
        assert figures[1].figcaption is None
        assert "loading" not in first.attrs and second["loading"] == "lazy", "the page has no photo above the gallery"
        assert first.find_previous_sibling("source")["sizes"].startswith("(min-width: 47rem) 22rem")


def test_gallery_mistakes_are_reported_at_their_line(photo_site, image_cache, real_site):
    rebuild = failed_build(photo_site, real_site)
    (photo_site / "data/galleries").mkdir()
    path = photo_site / "data/galleries/visit.yaml"
    path.write_text(GALLERY.replace("      bg: Залата\n", "      en: The hall\n"), encoding="utf-8")
    assert f"data/galleries/visit.yaml:{line_of(path, 'en: The hall')}: 'alt' has no Bulgarian text (bg)" in rebuild()
    path.write_text(GALLERY.replace("2026-11-28-visit", "no-such-news"), encoding="utf-8")
    message = rebuild(CACHE_PATH=image_cache)
    assert "data/galleries/visit.yaml:1: there is no page, news item or training with the key 'no-such-news'" in message


def test_settings_are_checked(site_copy, tmp_path):
    with pytest.raises(Exception, match="images: IMAGES_WIDTHS must be a list of positive whole numbers"):
        build(site_copy, tmp_path / "output", IMAGES_WIDTHS=["wide"])
    with pytest.raises(Exception, match="images: unknown setting IMAGES_WIDTH;"):
        build(site_copy, tmp_path / "output", IMAGES_WIDTH=[480])


def test_alt_and_caption_are_escaped():
    from images.markup import figure, picture
    from images.store import Copy, DerivedImage

    copies = tuple(
        Copy(encoding, 480, 320, "", f"images/a-480.0123456789.{extension}")
        for encoding, extension in (("avif", "avif"), ("webp", "webp"), ("jpeg", "jpg"))
    )
    image = DerivedImage("images/a.jpg", copies, ("avif", "webp", "jpeg"))
    hostile = '"><script>alert(1)</script>&'
    html = figure(picture(image, hostile, '100vw"', lambda name: "/" + name), hostile)
    assert "<script>" not in html
    assert 'alt="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;"' in html
    assert html.count("&lt;script&gt;") == 2 and 'sizes="100vw&#34;"' in html
