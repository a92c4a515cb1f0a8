"""A large site's HTML is held compressed once checked (multilingual/body.py); its pages come out the same."""

from conftest import build, write_tiny_site
from site_checks import snapshot

# What reads a page's HTML after the checks: its page, the link marks, the images
# feature, and the description taken from the first paragraph of a page without a summary.
BODY = (
    "Title: Услуги\nTemplate: activity\n\n"
    "Първият абзац описва [консултациите]({filename}project-consultations.bg.md).\n\n"
    "![Карта на областта](images/site-card.png)\n"
)


def test_a_site_built_with_packed_bodies_is_byte_identical_to_one_without(tmp_path):
    root = write_tiny_site(tmp_path / "site")
    (root / "content" / "pages" / "services.bg.md").write_text(BODY, encoding="utf-8")
    unpacked = snapshot(build(root, tmp_path / "unpacked", SITEURL=""))
    packed = snapshot(build(root, tmp_path / "packed", SITEURL="", MULTILINGUAL_PACK_BODIES_MIB=-1))
    services = unpacked["uslugi/index.html"].decode()
    assert 'content="Първият абзац описва консултациите."' in services
    assert "<picture" in services and "/konsultatsii-po-proekti/" in services
    assert packed == unpacked
