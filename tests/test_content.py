"""Issue 3: the knowledge content, in Dutch, English and French."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, words
from pages import LANGUAGES, source_pages, url_path

from hooks.typography import french_text

DOCS = ROOT / "docs"
OVERLAP_CHECK = ROOT.parent / "shared" / "tools" / "overlap-check"
MAIN_SECTIONS = ["vision", "principles", "collaboration", "young-child", "resources", "about", "training/index"]
HEADING = re.compile(r"<h([1-6])\b[^>]*>")


def built_html(site_dir: Path, base: str, lang: str) -> str:
    return (site_dir / url_path(base, lang).lstrip("/") / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return re.search(r"<article\b.*?</article>", html, re.DOTALL).group(0)


def visible_text(html: str) -> str:
    html = re.sub(r'<span class="vw-term__tip".*?</span>', "", html, flags=re.DOTALL)
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("base", source_pages())
def test_page_exists_in_every_language(base):
    missing = [f"docs/{base}.{lang}.md" for lang in LANGUAGES if not (DOCS / f"{base}.{lang}.md").exists()]
    assert missing == []


@pytest.mark.parametrize("base", source_pages())
def test_page_has_the_same_heading_structure_in_every_language(site_dir, base):
    structures = {lang: HEADING.findall(article(built_html(site_dir, base, lang))) for lang in LANGUAGES}
    assert structures["en"] == structures["nl"]
    assert structures["fr"] == structures["nl"]


@pytest.mark.parametrize("base", [b for b in source_pages() if any(b.startswith(s) for s in MAIN_SECTIONS)])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_main_section_page_is_no_stub(site_dir, base, lang):
    assert words(visible_text(article(built_html(site_dir, base, lang)))) >= 350


@pytest.mark.skipif(not OVERLAP_CHECK.exists(), reason="../shared is not beside the project")
def test_no_sentence_is_copied_from_the_source_texts():
    result = subprocess.run([str(OVERLAP_CHECK), "docs"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def glossary_terms(lang: str) -> list[dict]:
    text = (DOCS / f"glossary/index.{lang}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])["terms"]


def test_glossary_has_at_least_30_terms_defined_in_every_language():
    ids = {lang: sorted(term["id"] for term in glossary_terms(lang)) for lang in LANGUAGES}
    assert len(ids["nl"]) >= 30
    assert ids["en"] == ids["nl"] and ids["fr"] == ids["nl"]


def language_pages(site_dir: Path, lang: str) -> list[Path]:
    if lang != "nl":
        return sorted((site_dir / lang).rglob("index.html"))
    return sorted(p for p in site_dir.rglob("index.html") if p.relative_to(site_dir).parts[0] not in LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_glossary_term_is_explained_where_it_is_used(site_dir, lang):
    """Each term gets a tooltip on some page of its own language, carrying that language's definition."""
    tooltips = {}
    for page in language_pages(site_dir, lang):
        for term_id, definition in re.findall(r'role="tooltip" id="vw-tip-([^"]+)">([^<]*)</span>',
                                              page.read_text(encoding="utf-8")):
            tooltips[term_id] = html.unescape(definition)
    polish = french_text if lang == "fr" else str  # the build sets French typography (issue 13)
    definitions = {t["id"]: polish(t["definition"].strip()) for t in glossary_terms(lang)
                   if t.get("tooltip", True)}  # glossary-only terms never get a tooltip
    unexplained = sorted(set(definitions) - set(tooltips))
    assert unexplained == [], f"terms used on no {lang} page (or under another word): {unexplained}"
    assert {i: d for i, d in tooltips.items() if d != definitions.get(i)} == {}


@pytest.mark.parametrize("lang,path", [("nl", "/vision/dialogue-model/"), ("en", "/en/vision/dialogue-model/"),
                                       ("fr", "/fr/vision/dialogue-model/")])
def test_glossary_tooltip_works_with_keyboard_and_screen_reader(page, base_url, lang, path):
    page.goto(base_url + path)
    term = page.locator("article .vw-term__link").first
    tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
    assert not tip.is_visible()
    for _ in range(200):  # Tab until the term has focus, as a keyboard user would
        page.keyboard.press("Tab")
        if term.evaluate("link => link === document.activeElement"):
            break
    assert tip.is_visible()
    assert page.locator("html").get_attribute("lang") == lang
    description = term.evaluate("link => document.getElementById(link.getAttribute('aria-describedby')).textContent")
    assert len(description) > 10
    page.keyboard.press("Escape")
    assert not tip.is_visible()


@pytest.mark.parametrize("base", [b for b in source_pages() if any(b.startswith(s) for s in MAIN_SECTIONS)])
def test_dutch_is_written_in_short_sentences(site_dir, base):
    """Plain language, level B1: on average at most 15 words a sentence."""
    text = visible_text(article(built_html(site_dir, base, "nl")))
    sentences = [s for s in re.split(r"[.!?:;]\s", text) if words(s) >= 3]
    assert words(" ".join(sentences)) / len(sentences) <= 15
