"""Photos in Chromium: the copy the browser picks for the screen, and no layout shift while they load."""

import pytest

from conftest import build, read_html, write_tiny_site
from images_fixtures import photo

NEWS = "content/news/2026-11-28-three-photos.bg.md"
# Every layout shift the page records, from the first paint on (buffered).
RECORD_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver(list => { for (const entry of list.getEntries()) window.layoutShifts.push(entry.value); })
  .observe({type: "layout-shift", buffered: true});
"""
# Bring each photo into view in turn and wait until it has loaded, then report what each shows.
LOAD_EVERY_PHOTO = """
async () => {
  for (const img of document.querySelectorAll("main picture img")) {
    img.scrollIntoView();
    if (!img.complete) await new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done); });
  }
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  return [...document.querySelectorAll("main picture img")].map(img => ({src: img.currentSrc, shown: img.clientWidth}));
}
"""


@pytest.fixture(scope="module")
def three_photos(tmp_path_factory):
    """The tiny site with a news item of three landscape photos and some text between them."""
    root = write_tiny_site(tmp_path_factory.mktemp("three-photos"))
    body = []
    for number in range(1, 4):
        photo(root / f"content/images/news/photo-{number}.jpg", size=(2400, 1600), orientation=1)
        body.append(
            f'![Снимка {number} от посещението](images/news/photo-{number}.jpg "Снимка {number}")\n\n'
            + "Текст на новината, достатъчно дълъг, за да има какво да се чете между снимките. " * 12
        )
    (root / NEWS).write_text("Title: Три снимки\nDate: 2026-11-28\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    output = build(root, root / "output", CACHE_PATH=str(root / "cache"))
    page = next(
        path
        for path in sorted(output.rglob("index.html"))
        if (soup := read_html(path)).html["lang"] == "bg" and soup.h1 and soup.h1.get_text(strip=True) == "Три снимки"
    )
    return output, "/" + page.parent.relative_to(output).as_posix() + "/"


# Viewport width -> (the copy the browser must pick, the width the text column shows it at),
# the second being what IMAGES_SIZES says: 100vw - 2rem on a phone, 45rem on a wide screen.
@pytest.mark.parametrize("width,expected,column", [(390, 480, 358), (1366, 960, 720)])
def test_the_browser_picks_the_copy_for_its_width_without_layout_shift(
    three_photos, serve, open_page, width, expected, column
):
    output, address = three_photos
    visit = open_page(serve(output) + address, width=width, height=844, init_script=RECORD_SHIFTS)
    shown = visit.page.evaluate(LOAD_EVERY_PHOTO)
    assert len(shown) == 3
    for image in shown:
        assert f"-{expected}." in image["src"] and image["src"].endswith(".avif"), image
        assert image["shown"] == column, "sizes does not match the layout"
    assert visit.page.evaluate("window.layoutShifts") == [], "the space of each photo is reserved before it loads"
