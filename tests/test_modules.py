"""Issue 4: training modules, their validation and the self-assessment in the browser."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from authoring import check_with_defect, set_field_in_front_matter
from conftest import ROOT, run_axe
from pages import LANGUAGES, module_pages, url_path

MODULE = "training/methodical-work"
MODULE_FILE = {lang: f"docs/{MODULE}.{lang}.md" for lang in LANGUAGES}


def front_matter(base: str, lang: str) -> dict:
    return yaml.safe_load((ROOT / f"docs/{base}.{lang}.md").read_text(encoding="utf-8").split("---", 2)[1])


# --- content ---------------------------------------------------------------

@pytest.mark.parametrize("base", module_pages())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_has_the_required_parts(base, lang):
    module = front_matter(base, lang)
    statements = [s for theme in module["self_assessment"]["themes"] for s in theme["statements"]]
    assert len(module["objectives"]) >= 4
    assert len(module["vignettes"]) >= 1
    assert len(module["reflection"]) >= 4
    assert len(statements) >= 8
    assert len(module["checklist"]) >= 6


def test_every_module_file_is_in_the_catalogue_and_the_nav():
    """The catalogue's modules are the module files of every language, each listed in the navigation."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        files = sorted(p.name.removesuffix(f".{lang}.md") for p in (ROOT / "docs/training").glob(f"*.{lang}.md")
                       if not p.name.startswith("index."))
        assert files == sorted(base.split("/")[1] for base in module_pages()), lang
    assert module_pages() and all(f"- {base}.md" in nav for base in module_pages())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_training_overview_shows_every_module_as_a_card(site_dir, lang):
    html = (site_dir / url_path("training/index", lang).lstrip("/") / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<li class="vw-card"[^>]*>.*?</li>', html, re.DOTALL)
    assert len(cards) == len(module_pages())
    for base, card in zip(module_pages(), cards):  # in the route's order, each card its own module's
        assert f'data-module-card="{base.split("/")[1]}"' in card
        assert f'<a href="{base.split("/")[1]}/">' in card
        assert re.search(r"\d+ \w+", card)  # duration with its unit
    assert 'id="onboarding-path"' in html


@pytest.mark.parametrize("base", module_pages())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_page_renders_every_part_from_the_front_matter(site_dir, base, lang):
    module = front_matter(base, lang)
    html = (site_dir / url_path(base, lang).lstrip("/") / "index.html").read_text(encoding="utf-8")
    for statement in (s for t in module["self_assessment"]["themes"] for s in t["statements"]):
        assert f'data-statement="{statement["id"]}"' in html
        assert len(re.findall(rf'name="rating-{statement["id"]}"', html)) == 6  # 1–5 and n/a
    for item in module["checklist"]:
        assert f'data-id="{item["id"]}"' in html
    for item in module["reflection"]:
        assert f'<textarea id="reflection-{item["id"]}"' in html
    assert 'id="facilitator-notes"' in html and "hidden" in html.split('id="facilitator-notes"')[1][:200]
    assert html.count('<details class="vw-discussion">') == len(module["vignettes"])


# --- validation: one clear message, a non-zero exit, nothing lost --------------

BAD_MODULES = {
    "missing field": ("nl", "checklist", lambda d: d.pop("checklist")),
    "unknown key": ("en", "durations", lambda d: d.update(durations=3)),
    "duplicate id": ("nl", "checklist[2].id",
                     lambda d: d["checklist"][1].update(id="check-write-facts")),
    "ids differ between languages": ("fr", "checklist[1].id",
                                     lambda d: d["checklist"][0].update(id="check-write-fact")),
    "scale with wrong number of labels": ("en", "self_assessment.scale",
                                          lambda d: d["self_assessment"]["scale"].pop()),
}


@pytest.mark.parametrize("case", BAD_MODULES)
def test_bad_module_gives_one_clear_message(tmp_path, case):
    lang, field, mutate = BAD_MODULES[case]
    result = check_with_defect(tmp_path, lambda project: set_field_in_front_matter(project / MODULE_FILE[lang], mutate))
    assert len(result.messages) == 1, result.messages
    message = result.messages[0]
    assert MODULE_FILE[lang] in message and f"[{lang}]" in message and f"field '{field}" in message, message
    assert result.files_changed == []


# --- self-assessment in the browser -------------------------------------------

def module_url(base_url: str, lang: str) -> str:
    return base_url + url_path(MODULE, lang)


def rate(page, statement: str, value: str) -> None:
    page.locator(f'input[name="rating-{statement}"][value="{value}"]').check()


def test_answers_survive_reload_and_language_switch(page, base_url):
    page.goto(module_url(base_url, "nl"))
    rate(page, "separate-facts", "2")
    rate(page, "concrete-goals", "na")
    page.locator("#reflection-reflect-first-idea").fill("Ik kies te snel één verklaring.")
    page.locator('input[data-id="check-one-test"]').check()
    page.reload()
    assert page.locator('input[name="rating-separate-facts"][value="2"]').is_checked()
    page.locator(".md-select").first.hover()
    page.locator('.md-select__link[hreflang="fr"]').click()
    page.wait_for_url(module_url(base_url, "fr") + "**")  # the language menu keeps the section (issue 14)
    assert page.locator('input[name="rating-separate-facts"][value="2"]').is_checked()
    assert page.locator('input[name="rating-concrete-goals"][value="na"]').is_checked()
    assert page.locator("#reflection-reflect-first-idea").input_value() == "Ik kies te snel één verklaring."
    assert page.locator('input[data-id="check-one-test"]').is_checked()
    # the summary lists the statement rated 2, in the page's language
    work_on = page.locator("[data-summary-work-on]").inner_text()
    assert front_matter(MODULE, "fr")["self_assessment"]["themes"][0]["statements"][0]["text"] in work_on
    assert page.locator("[data-summary] table.vw-chart").count() == 1


def test_answers_survive_a_browser_restart(browser, base_url, tmp_path):
    state = tmp_path / "state.json"
    first = browser.new_context()
    tab = first.new_page()
    tab.goto(module_url(base_url, "en"))
    rate(tab, "adjust-plan", "4")
    first.storage_state(path=str(state))
    first.close()
    second = browser.new_context(storage_state=str(state))
    tab = second.new_page()
    tab.goto(module_url(base_url, "en"))
    assert tab.locator('input[name="rating-adjust-plan"][value="4"]').is_checked()
    second.close()


def test_ratings_work_with_the_keyboard_alone(page, base_url):
    page.goto(module_url(base_url, "en"))
    first_radio = page.locator('input[name="rating-separate-facts"]').first
    for _ in range(400):
        page.keyboard.press("Tab")
        if first_radio.evaluate("radio => radio === document.activeElement"):
            break
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator('input[name="rating-separate-facts"][value="3"]').is_checked()
    page.reload()
    assert page.locator('input[name="rating-separate-facts"][value="3"]').is_checked()


def test_export_erase_import_restores_everything(page, base_url, tmp_path):
    page.goto(module_url(base_url, "en"))
    rate(page, "separate-facts", "5")
    page.locator("#reflection-reflect-whose-goals").fill("Mine, mostly.")
    page.locator('input[data-id="check-share-plan"]').check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export (JSON)").click()
    exported = tmp_path / "answers.json"
    download_info.value.save_as(exported)
    assert json.loads(exported.read_text())["rounds"][-1]["ratings"] == {"separate-facts": "5"}

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Erase my answers").click()
    assert not page.locator('input[name="rating-separate-facts"][value="5"]').is_checked()
    page.reload()
    assert page.locator("#reflection-reflect-whose-goals").input_value() == ""

    page.locator("input[data-action=import]").set_input_files(str(exported))
    page.locator("[data-status]").filter(has_text="restored").wait_for()
    page.reload()
    assert page.locator('input[name="rating-separate-facts"][value="5"]').is_checked()
    assert page.locator("#reflection-reflect-whose-goals").input_value() == "Mine, mostly."
    assert page.locator('input[data-id="check-share-plan"]').is_checked()


def test_module_is_usable_at_320_pixels(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.goto(module_url(base_url, "fr"))
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    rate(tab, "separate-facts", "4")
    assert tab.locator('input[name="rating-separate-facts"][value="4"]').is_checked()
    context.close()


def test_facilitator_notes_are_hidden_until_asked_for(page, base_url):
    page.goto(module_url(base_url, "nl"))
    notes = page.locator("#facilitator-notes")
    assert not notes.is_visible()
    button = page.locator("button[data-action=facilitator]")
    button.click()
    assert notes.is_visible() and button.get_attribute("aria-expanded") == "true"


def test_module_sends_nothing_anywhere(page, base_url):
    sent = []
    page.on("request", lambda request: request.method != "GET" and sent.append(request.url))
    page.goto(module_url(base_url, "nl"))
    rate(page, "separate-facts", "3")
    page.locator("#reflection-reflect-first-idea").fill("privé")
    page.wait_for_timeout(300)
    assert sent == []


def test_without_javascript_the_self_assessment_is_a_paper_form(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(module_url(base_url, "en"))
    assert tab.get_by_role("radiogroup").count() >= 8
    tab.locator(".vw-statement input[type=radio]").first.check()  # a real radio button, also without JavaScript
    assert not tab.locator("[data-answer-tools]").is_visible()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_with_answers_and_summary_has_no_axe_violation(page, base_url, lang):
    page.goto(module_url(base_url, lang))
    rate(page, "separate-facts", "1")
    rate(page, "adjust-plan", "5")
    page.locator("#reflection-reflect-first-idea").fill("…")
    page.locator("button[data-action=facilitator]").click()  # stays focused and hovered: that state counts too
    assert page.locator("[data-summary] table.vw-chart").is_visible()
    page.wait_for_timeout(400)  # let Material's colour transitions end
    assert run_axe(page) == []
