"""Issue 21: each page carries only the interface texts its browser components read (its `vw-ui` block).

Built pages: no block where no component runs, and on every other page the texts its components read,
found in their JavaScript. In Chromium: the components read no text the page lacks while a learner uses
the module page, the portfolio and the training overview.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from hooks import interface_texts
from page_types import answer_the_module, fill_the_portfolio
from pages import LANGUAGES, url_path

COMPONENTS = ROOT / "overrides" / "assets" / "components"
BLOCK = re.compile(r'<script type="application/json" id="vw-ui">(.*?)</script>', re.DOTALL)
MODULE = "training/methodical-work"


def texts_of(html: str) -> dict | None:
    block = BLOCK.search(html)
    return json.loads(block.group(1)) if block else None


def built(site_dir, base: str, lang: str) -> str:
    return (site_dir / url_path(base, lang).lstrip("/") / "index.html").read_text(encoding="utf-8")


def direct_reads(component: str) -> set[str]:
    """The texts a component's own file reads by name (VW.ui.<key>): those it needs at the least."""
    return set(re.findall(r"\bui\.(\w+)", (COMPONENTS / component / f"{component}.js").read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("base", ["index", "vision/relationship", "glossary/index", "collaboration/index"])
def test_a_page_without_components_carries_no_interface_texts(site_dir, base, lang):
    html = built(site_dir, base, lang)
    assert "data-vw-component" not in html
    assert texts_of(html) is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_page_carries_no_interface_texts(site_dir, lang):
    assert texts_of((site_dir / ("" if lang == "nl" else lang) / "404.html").read_text(encoding="utf-8")) is None


def test_every_page_carries_what_its_components_read_and_nothing_else(site_dir):
    pages_with_components = 0
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        components = interface_texts.components_of(html)
        texts = texts_of(html) or {}
        for component in components:
            assert direct_reads(component) <= set(texts), (page, component, direct_reads(component) - set(texts))
        # nothing that only other components read:
        assert set(texts) == set(interface_texts.texts_for(components, texts)), page
        pages_with_components += bool(components)
    assert pages_with_components >= 3 * 9  # the modules, the training overview and the portfolio, in each language


@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_page_carries_only_a_few_kilobytes_of_its_own_texts(site_dir, lang):
    texts = texts_of(built(site_dir, MODULE, lang))
    assert {"erase_confirm", "module_progress_next", "store_failed", "round_label"} <= set(texts)
    assert not {"portfolio_empty", "backups_title", "state_not_started", "glossary_entry_link"} & set(texts)
    assert len(json.dumps(texts, ensure_ascii=False).encode("utf-8")) < 4_000  # all of them: 12.7 KB


# --- in the browser: no component reads a text its page lacks ------------------------------------

RECORD_READS = """
window.__uiRead = []; window.__uiMissing = [];
window.VerbindendWerken = Object.defineProperty({}, "ui", { configurable: true,
  get: function () { return this.__texts; },
  set: function (texts) {
    this.__texts = new Proxy(texts, { get: function (all, key) {
      if (typeof key === "string") { window.__uiRead.push(key); if (!(key in all)) window.__uiMissing.push(key); }
      return all[key];
    } });
  } });
"""


def use_the_module(tab, lang: str, tmp_path) -> None:
    answer_the_module(tab, lang)
    tab.locator("button[data-action=new-round]").click()
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    tab.locator("input[data-action=import]").set_input_files(str(broken))
    tab.locator("button[data-action=erase]").click()


def use_the_portfolio(tab, lang: str, tmp_path) -> None:
    fill_the_portfolio(tab, lang)
    broken = tmp_path / "broken.json"
    broken.write_text("[]", encoding="utf-8")
    tab.locator("input[data-action=import-all]").set_input_files(str(broken))


def come_back_to_the_overview(tab, lang: str, tmp_path) -> None:
    """With one module begun: its state, the route's progress and the link to continue."""
    record = {"format": "verbindend-werken/answers", "version": 2, "module": "methodical-work",
              "updated": "2026-11-02T10:00:00.000Z",
              "rounds": [{"started": "2026-11-02T10:00:00.000Z", "ratings": {"separate-facts": "4"}}],
              "reflections": {}, "checklist": {}}
    tab.evaluate("r => localStorage.setItem('verbindend-werken:answers:methodical-work', JSON.stringify(r))", record)
    tab.reload(wait_until="networkidle")


# page, what the visitor does, and some of the texts the components must have read on the way
VISITS = {"module page on a phone": (MODULE, use_the_module, {"module_progress_next", "new_round_confirm",
                                                              "import_rejected", "erase_confirm", "round_label"}),
          "portfolio": ("portfolio/index", use_the_portfolio, {"summary", "import_rejected", "last_changed"}),
          "training overview": ("training/index", come_back_to_the_overview, {"state_in_progress", "continue_where"})}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("visit", VISITS)
def test_components_read_no_text_the_page_lacks(browser, base_url, tmp_path, visit, lang):
    base, action, expected = VISITS[visit]
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    context.add_init_script(RECORD_READS)
    tab = context.new_page()
    tab.on("dialog", lambda dialog: dialog.accept())
    tab.goto(base_url + url_path(base, lang), wait_until="networkidle")
    action(tab, lang, tmp_path)
    tab.wait_for_timeout(300)
    read, missing = tab.evaluate("[window.__uiRead, window.__uiMissing]")
    context.close()
    assert expected <= set(read), set(read)  # the components did run and read their texts
    assert missing == []
