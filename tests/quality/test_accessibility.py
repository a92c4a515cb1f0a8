"""Accessibility of every page template in every language, in Chromium.

- axe-core with the WCAG 2.1 level A and AA rules: no violation;
- reflow (WCAG 1.4.10): at 320 CSS px wide, no horizontal scrolling and no clipped text;
- 200 % zoom (WCAG 1.4.4): a 1280 px window zoomed to 200 % is a 640 px viewport at
  device scale 2: again nothing wider than the viewport, nothing clipped;
- the skip link: the first Tab shows it, on screen and with a focus indicator, and
  following it moves the keyboard focus to the main content.

All of them run on one load of a page, its window resized between them (page_checks).
Each check is a function that returns its problems, so that the negative tests at
the end can show that it reports a deliberately broken page.
"""

import pytest

WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REFLOW_WIDTH = 320
REFLOW = {"width": REFLOW_WIDTH, "height": 640, "scale": 1}
ZOOMED = {"width": 640, "height": 400, "scale": 2}  # 1280 × 800 at 200 %
DESKTOP = {"width": 1280, "height": 800, "scale": 1}


# Checks ---------------------------------------------------------------------------------------


def axe_violations(visit):
    """Run axe-core on the open page with the WCAG 2.1 A/AA rules; return one line per failing element.

    The page must have been opened with axe-core's script as its init script
    (``init_script=axe_script()``): the browser runs it in the page whatever the
    site's Content-Security-Policy, which rightly refuses a script added to the
    page; and it is sent to the browser once per tab, not once per page (a third
    of the check's time).
    """
    results = visit.page.evaluate(
        """async (tags) => await axe.run(document, {
               runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        WCAG_21_AA_TAGS,
    )
    problems = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            problems.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} — "
                f"{' '.join(map(str, node['target']))}: {node['html'][:160]} — {summary}"
            )
    return problems


OVERFLOW_SCRIPT = """(width) => {
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const hiddenOnPurpose = (el) => el.closest(".th-visually-hidden") !== null;
  const root = document.documentElement;
  const wide = [];
  const clipped = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || hiddenOnPurpose(el)) continue;
    if (box.right > width + 1) wide.push(`${describe(el)} reaches ${Math.round(box.right)} px`);
    const style = getComputedStyle(el);
    const cuts = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
    if (cuts && el.scrollWidth > el.clientWidth + 1)
      clipped.push(`${describe(el)} cuts off ${el.scrollWidth - el.clientWidth} px of its content`);
  }
  return {scrollWidth: root.scrollWidth, wide: wide.slice(0, 8), clipped: clipped.slice(0, 8)};
}"""


def overflow_problems(visit, width):
    """Return what makes the page scroll sideways, or cuts content off, in a viewport ``width`` px wide."""
    found = visit.page.evaluate(OVERFLOW_SCRIPT, width)
    problems = []
    if found["scrollWidth"] > width:
        problems.append(
            f"the page is {found['scrollWidth']} px wide in a {width} px viewport (horizontal scrolling); "
            f"too wide: {', '.join(found['wide']) or '(no single element)'}"
        )
    problems += found["clipped"]
    return problems


FOCUSED_SCRIPT = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute("href"), text: el.textContent.trim(),
    box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom},
    viewport: {width: innerWidth, height: innerHeight},
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    hash: location.hash,
  };
}"""


def skip_link_problems(visit):
    """Tab once: a visible skip link must take focus; Enter must move the focus to the main content."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # here: the browser fixture reports its absence

    page = visit.page
    page.keyboard.press("Tab")
    link = page.evaluate(FOCUSED_SCRIPT)
    if link["tag"] != "a" or not (link["href"] or "").startswith("#") or len(link["href"]) < 2:
        return [f"the first Tab focuses <{link['tag']}> {link['text'][:60]!r}, not a skip link to the main content"]
    problems = []
    box, viewport = link["box"], link["viewport"]
    on_screen = (
        box["left"] >= 0
        and box["top"] >= 0
        and box["right"] <= viewport["width"]
        and box["bottom"] <= viewport["height"]
    )
    if not on_screen or box["right"] - box["left"] < 1 or box["bottom"] - box["top"] < 1:
        problems.append(f"the focused skip link {link['text']!r} is not on screen (box {box})")
    if not (link["outline"] or link["shadow"]):
        problems.append(f"the focused skip link {link['text']!r} has no focus indicator (no outline, no box-shadow)")
    page.keyboard.press("Enter")
    try:
        page.wait_for_function("(hash) => location.hash === hash", arg=link["href"], timeout=2000)
    except PlaywrightTimeout:
        return problems + [f"Enter on the skip link did not go to {link['href']}"]
    target = page.evaluate(FOCUSED_SCRIPT)
    is_main = page.evaluate(
        "(id) => { const el = document.getElementById(id); return !!el && (el.tagName === 'MAIN' || el.getAttribute('role') === 'main'); }",
        link["href"][1:],
    )
    if not is_main:
        problems.append(f"the skip link leads to {link['href']}, which is not the <main> element")
    if target["id"] != link["href"][1:]:
        problems.append(
            f"after following the skip link the focus is on <{target['tag']}> {target['id']!r}, "
            f'not on {link["href"]} (give the target tabindex="-1")'
        )
    return problems


def desktop_checks(visit):
    """Run the checks of the 1280 × 800 viewport on one load of a page: {"axe": problems, "skip link": problems}.

    axe-core only reads the page (on every published page the skip link check
    finds the same focus, box, outline and scroll after it as without it); the
    skip link check then presses Tab and Enter. The page must have been opened
    with axe-core as its init script (see axe_violations).
    """
    return {"axe": axe_violations(visit), "skip link": skip_link_problems(visit)}


def report(page_label, problems):
    """Return a failure message: the page, then one problem a line."""
    return f"{page_label}:\n  " + "\n  ".join(problems)


# The site's pages -------------------------------------------------------------------------


def open_template_page(template_page, serve, open_page, **options):
    """Open the page of a template case, served from its build's folder."""
    address, origins = template_page.served_by(serve(template_page.site.output))
    return open_page(address, origins, **options)


@pytest.fixture(scope="session")
def case_results():
    """The checks of each template case done so far in this process: {case: {check: problems}}."""
    return {}


@pytest.fixture(scope="session")
def device_metrics():
    """Return device_metrics(page, width, height, scale): resize the open page's viewport, as a reader's window is.

    Playwright sets a tab's scale only when it opens it; the DevTools protocol's
    override, through one session kept per tab, changes all three on the open page.
    """
    sessions = {}

    def device_metrics(page, width, height, scale):
        if page not in sessions:
            sessions[page] = page.context.new_cdp_session(page)
        sessions[page].send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False},
        )

    return device_metrics


def page_checks(visit, device_metrics):
    """Run every check on one load of a page opened 320 px wide with axe-core: {check: problems}.

    The page's window is then resized as a reader zooms or widens theirs: 640 × 400
    at scale 2 (1280 × 800 at 200 %), then 1280 × 800 for axe-core and the skip
    link (desktop_checks). Layout follows the viewport, so a resized page is laid
    out as one opened at that size; a load was two thirds of these tests' time.
    The page is left at 320 px, for the next load in its tab.
    """
    try:
        problems = {"320px": overflow_problems(visit, REFLOW_WIDTH)}
        device_metrics(visit.page, **ZOOMED)
        problems["200%"] = overflow_problems(visit, ZOOMED["width"])
        device_metrics(visit.page, **DESKTOP)
        problems.update(desktop_checks(visit))
    finally:
        device_metrics(visit.page, **REFLOW)
    return problems


@pytest.fixture
def case_problems(template_page, serve, open_kept_page, axe_script, device_metrics, case_results):
    """The page_checks of the case's page, made by whichever of its tests comes first.

    The tests of a case run one after the other (the ``template_case``
    parameter's scope in conftest.py).
    """
    case = template_page.case
    if case not in case_results:
        visit = open_template_page(template_page, serve, open_kept_page, init_script=axe_script(), **REFLOW)
        case_results[case] = page_checks(visit, device_metrics)
    return case_results[case]


def test_axe_finds_no_wcag_21_aa_violation(template_page, case_problems):
    problems = case_problems["axe"]
    assert not problems, report(template_page.label, problems)


def test_no_horizontal_scrolling_at_320_px(template_page, case_problems):
    problems = case_problems["320px"]
    assert not problems, report(template_page.label, problems)


def test_content_fits_at_200_percent_zoom(template_page, case_problems):
    problems = case_problems["200%"]
    assert not problems, report(template_page.label, problems)


def test_skip_link_is_visible_on_focus_and_moves_focus_to_main(template_page, case_problems):
    problems = case_problems["skip link"]
    assert not problems, report(template_page.label, problems)


# Each check reports a broken page ------------------------------------------------------------

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken</title>
<style>
  .wide { width: 900px; }
  .cut { width: 200px; overflow: hidden; white-space: nowrap; }
  .skip { position: absolute; left: -9999px; }
  .skip:focus { outline: none; }
</style></head>
<body>
<a class="skip" href="#content">Skip to main content</a>
<main id="content">
  <h1>A broken page</h1>
  <img src="photo.png">
  <div class="wide">A block wider than a phone.</div>
  <p class="cut">A line of text that is far too long for its box and is cut off at its right edge.</p>
</main>
</body>
</html>
"""


@pytest.fixture
def broken_page(tmp_path, serve):
    (tmp_path / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    return serve(tmp_path) + "/broken.html"


@pytest.fixture
def broken_page_problems(broken_page, open_page, axe_script, device_metrics):
    """The page_checks of the broken page, opened as the site's pages are."""
    return page_checks(open_page(broken_page, init_script=axe_script(), **REFLOW), device_metrics)


def test_axe_check_reports_an_image_without_alt_text(broken_page_problems):
    problems = broken_page_problems["axe"]
    assert any(problem.startswith("image-alt ") and "photo.png" in problem for problem in problems), problems


@pytest.mark.parametrize("viewport", ["320px", "200%"])
def test_overflow_check_reports_a_wide_block_and_clipped_text(broken_page_problems, viewport):
    problems = broken_page_problems[viewport]
    assert any("horizontal scrolling" in problem and "div.wide" in problem for problem in problems), problems
    assert any(problem.startswith("p.cut cuts off") for problem in problems), problems


def test_skip_link_check_reports_a_hidden_link_and_an_unfocusable_target(broken_page_problems):
    problems = broken_page_problems["skip link"]
    assert any("is not on screen" in problem for problem in problems), problems
    assert any("has no focus indicator" in problem for problem in problems), problems
    assert any("the focus is on <body>" in problem for problem in problems), problems
