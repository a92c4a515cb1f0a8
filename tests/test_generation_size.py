"""The size publishing records beside each generation is the size of what the generation holds."""

from pathlib import Path

from conftest import build
from site_build.publish import _measured_size, generations_folder, live_generation


def recorded_and_measured(output):
    generation = live_generation(str(output))
    return int(Path(generation + ".size").read_text(encoding="ascii")), _measured_size(generation)


def test_each_generation_records_the_bytes_it_holds(tiny_site):
    output = tiny_site / "output"
    build(tiny_site, output)
    recorded, measured = recorded_and_measured(output)
    assert recorded == measured > 0

    # A page's text grows, then shrinks again: each new generation is recycled from an older one,
    # which held other files.
    page = tiny_site / "content" / "pages" / "services.bg.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nОще текст. " * 2000, encoding="utf-8")
    build(tiny_site, output)
    grown, measured_grown = recorded_and_measured(output)
    assert grown == measured_grown > measured
    page.write_text(text, encoding="utf-8")
    build(tiny_site, output)
    assert recorded_and_measured(output) == (measured, measured)

    # Only the kept generations have a size beside them.
    folder = Path(generations_folder(str(output)))
    generations = sorted(path.name for path in folder.iterdir() if path.name.isdigit())
    assert sorted(path.stem for path in folder.glob("*.size")) == generations
