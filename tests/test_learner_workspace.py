"""Issue 10: a learner's answers are never lost, and a learning workspace across modules.

Everything here runs in Debian's Chromium against the built site: answers typed into the real
form, reloaded, read back in another language, stored in today's (version 1) format, in two tabs,
with storage that fails, exported and imported, and shown on the overview and in the portfolio.
"""

from __future__ import annotations

import io
import json

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT, VARIANT_STATEMENT, run_axe, serve
from pages import LANGUAGES, module_pages, url_path

MODULE = "training/methodical-work"
KEY = "verbindend-werken:answers:"

# Ordinary and tricky texts a learner may type: each must come back exactly as typed, as text.
TRICKY_TEXTS = [
    "Mijn doel: ontspanning=rust",
    "Mijn score was <ik weet het niet>",
    '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> & &amp; </textarea>',
    "Quotes \"double\" and 'single', `backticks` and ${template} {{ jinja }} \\ backslash",
    "Emoji 👩‍👧‍👦 ❤️ 🙂 and right-to-left: مرحبا بالعالم — שלום עולם",
    "Tabs\there\tand\n\nblank lines\n\n\n  indented   spaces  \n",
    "Lang antwoord. " * 2000,
]


def front_matter(base: str, lang: str) -> dict:
    return yaml.safe_load((ROOT / f"docs/{base}.{lang}.md").read_text(encoding="utf-8").split("---", 2)[1])


def module_ids(base: str) -> dict:
    module = front_matter(base, "nl")
    return {"id": module["id"],
            "statements": [s["id"] for t in module["self_assessment"]["themes"] for s in t["statements"]],
            "reflections": [r["id"] for r in module["reflection"]],
            "checklist": [c["id"] for c in module["checklist"]]}


def stored(page, module_id: str) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY + module_id)})"))


def fail_on_dialog(page) -> list:
    """Record any dialog (a script that ran would typically open one) and dismiss it."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def rating_for(index: int) -> str:
    return ["1", "2", "3", "4", "5", "na"][index % 6]


def fill_everything(page, ids: dict) -> dict:
    """Rate every statement, write every reflection with a tricky text, tick every item."""
    expected = {"ratings": {}, "reflections": {}}
    for index, statement in enumerate(ids["statements"]):
        value = rating_for(index)
        page.locator(f'input[name="rating-{statement}"][value="{value}"]').check()
        expected["ratings"][statement] = value
    for index, reflection in enumerate(ids["reflections"]):
        text = TRICKY_TEXTS[index % len(TRICKY_TEXTS)]
        if index == len(ids["reflections"]) - 1:
            text = TRICKY_TEXTS[-1]  # the very long one, in every module
        page.locator(f"#reflection-{reflection}").fill(text)
        expected["reflections"][reflection] = text
    for item in ids["checklist"]:
        page.locator(f'input[data-id="{item}"]').check()
    return expected


def assert_everything_back(page, ids: dict, expected: dict) -> None:
    for statement, value in expected["ratings"].items():
        assert page.locator(f'input[name="rating-{statement}"][value="{value}"]').is_checked(), statement
    for reflection, text in expected["reflections"].items():
        assert page.locator(f"#reflection-{reflection}").input_value() == text, reflection
    for item in ids["checklist"]:
        assert page.locator(f'input[data-id="{item}"]').is_checked(), item


# --- 1. answers are data, kept whole ----------------------------------------------------

@pytest.mark.parametrize("base", module_pages())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_answer_comes_back_verbatim_after_reload_and_language_switch(page, base_url, base, lang):
    ids = module_ids(base)
    dialogs = fail_on_dialog(page)
    page.goto(base_url + url_path(base, lang))
    expected = fill_everything(page, ids)
    page.reload()
    assert_everything_back(page, ids, expected)
    other = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
    page.goto(base_url + url_path(base, other))
    assert_everything_back(page, ids, expected)
    record = stored(page, ids["id"])
    assert record["version"] == 2 and record["rounds"][-1]["ratings"] == expected["ratings"]
    assert record["reflections"] == expected["reflections"]
    assert dialogs == [] and page.evaluate("window.pwned") is None
    assert page.locator("article img[src=x], article script:not([type])").count() == 0


def test_a_record_in_todays_format_is_migrated(page, base_url):
    ids = module_ids(MODULE)
    today = {"format": "verbindend-werken/answers", "version": 1, "module": "methodical-work",
             "updated": "2026-10-01T09:00:00.000Z",
             "ratings": {"separate-facts": "2", "concrete-goals": "na"},
             "reflections": {"reflect-first-idea": "Mijn score was <ik weet het niet>"},
             "checklist": {"check-one-test": True}}
    page.goto(base_url + url_path(MODULE, "nl"))
    page.evaluate(f"localStorage.setItem({json.dumps(KEY + ids['id'])}, {json.dumps(json.dumps(today))})")
    page.reload()
    assert page.locator('input[name="rating-separate-facts"][value="2"]').is_checked()
    assert page.locator('input[name="rating-concrete-goals"][value="na"]').is_checked()
    assert page.locator("#reflection-reflect-first-idea").input_value() == "Mijn score was <ik weet het niet>"
    assert page.locator('input[data-id="check-one-test"]').is_checked()
    page.locator('input[name="rating-adjust-plan"][value="4"]').check()
    record = stored(page, ids["id"])
    assert record["version"] == 2 and "ratings" not in record
    assert [{key: round[key] for key in ("started", "ratings")} for round in record["rounds"]] == [
        {"started": "2026-10-01T09:00:00.000Z", "ratings": {"separate-facts": "2", "concrete-goals": "na", "adjust-plan": "4"}}]
    assert list(record["rounds"][0]["times"]) == ["adjust-plan"]  # only the answer changed now has a time
    assert record["reflections"] == today["reflections"] and record["checklist"] == today["checklist"]


def test_an_unreadable_record_is_backed_up_and_the_learner_told(page, base_url):
    page.goto(base_url + url_path(MODULE, "fr"))
    page.evaluate(f"localStorage.setItem('{KEY}methodical-work', '{{not json')")
    page.reload()
    message = page.locator("[data-store-message]")
    assert message.is_visible() and "portfolio" in message.inner_text()
    backups = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('verbindend-werken:backup:'))")
    assert len(backups) == 1 and page.evaluate(f"localStorage.getItem({json.dumps(backups[0])})") == "{not json"
    page.locator('input[name="rating-separate-facts"][value="3"]').check()
    assert page.evaluate(f"localStorage.getItem({json.dumps(backups[0])})") == "{not json"


def test_a_module_that_lost_and_gained_a_statement_keeps_every_answer(variant_site, browser):
    """The author removes statement 'separate-facts' and adds 'new-statement'; the learner's
    answer to the removed one stays in storage, in the export and in the portfolio."""
    project, site = variant_site  # conftest.make_variant swapped the first statement for VARIANT_STATEMENT
    source = project / f"docs/{MODULE}.en.md"
    assert VARIANT_STATEMENT["id"] in source.read_text(encoding="utf-8")
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/en"
    record = {"format": "verbindend-werken/answers", "version": 2, "module": "methodical-work",
              "updated": "2026-11-01T10:00:00.000Z",
              "rounds": [{"started": "2026-11-01T10:00:00.000Z", "ratings": {"separate-facts": "2", "adjust-plan": "5"}}],
              "reflections": {"reflect-first-idea": "Kept <text>", "old-reflection": "An answer to a removed question"},
              "checklist": {"check-one-test": True}}
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(base + "/training/methodical-work/")
        tab.evaluate(f"localStorage.setItem('{KEY}methodical-work', {json.dumps(json.dumps(record))})")
        tab.reload()
        assert source.exists() and tab.locator('input[name="rating-separate-facts"]').count() == 0
        assert tab.locator('input[name="rating-adjust-plan"][value="5"]').is_checked()
        assert tab.locator("#reflection-reflect-first-idea").input_value() == "Kept <text>"
        tab.locator('input[name="rating-new-statement"][value="4"]').check()
        kept = stored(tab, "methodical-work")
        assert kept["rounds"][0]["ratings"] == {"separate-facts": "2", "adjust-plan": "5", "new-statement": "4"}
        assert kept["reflections"]["old-reflection"] == "An answer to a removed question"
        with tab.expect_download() as download:
            tab.locator("button[data-action=export]").click()
        exported = json.loads(open(download.value.path(), encoding="utf-8").read())
        assert exported["rounds"][0]["ratings"]["separate-facts"] == "2"
        assert exported["reflections"]["old-reflection"] == "An answer to a removed question"
        tab.goto(base + "/portfolio/")
        kept_section = tab.locator("#portfolio-methodical-work")
        assert "Answers to questions the module no longer has" in kept_section.inner_text()
        assert "An answer to a removed question" in kept_section.inner_text()
    finally:
        context.close()
        server.shutdown()


def test_storage_that_fails_gives_one_message_and_loses_nothing_on_the_page(browser, base_url, tmp_path):
    context = browser.new_context()
    context.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""")
    tab = context.new_page()
    try:
        tab.goto(base_url + url_path(MODULE, "en"))
        tab.locator('input[name="rating-separate-facts"][value="4"]').check()
        tab.locator("#reflection-reflect-first-idea").fill("Still here <b>as text</b>")
        tab.locator('input[data-id="check-one-test"]').check()
        message = tab.locator("[data-store-message]")
        assert message.is_visible() and "cannot keep your answers" in message.inner_text()
        assert tab.locator("[data-store-message]").count() == 1
        assert tab.locator('input[name="rating-separate-facts"][value="4"]').is_checked()
        assert tab.locator("#reflection-reflect-first-idea").input_value() == "Still here <b>as text</b>"
        assert tab.locator('input[data-id="check-one-test"]').is_checked()
        with tab.expect_download() as download:
            tab.locator("button[data-action=export]").click()
        exported = json.loads(open(download.value.path(), encoding="utf-8").read())
        assert exported["rounds"][0]["ratings"] == {"separate-facts": "4"}
        assert exported["reflections"] == {"reflect-first-idea": "Still here <b>as text</b>"}
    finally:
        context.close()


def test_two_tabs_stay_in_sync_and_a_stale_tab_overwrites_nothing(context, base_url):
    url = base_url + url_path(MODULE, "nl")
    first, second = context.new_page(), context.new_page()
    first.goto(url)
    second.goto(url)  # opened before any answer: its view is stale from now on
    first.locator('input[name="rating-separate-facts"][value="5"]').check()
    first.locator("#reflection-reflect-first-idea").fill("Geschreven in tab één")
    second.locator('input[name="rating-separate-facts"][value="5"]').wait_for(state="attached")
    second.wait_for_function("document.querySelector('input[name=\"rating-separate-facts\"][value=\"5\"]').checked")
    second.wait_for_function("document.querySelector('#reflection-reflect-first-idea').value === 'Geschreven in tab één'")
    second.locator('input[data-id="check-one-test"]').check()
    second.locator("#reflection-reflect-whose-goals").fill("Geschreven in tab twee")
    record = stored(first, "methodical-work")
    assert record["rounds"][0]["ratings"] == {"separate-facts": "5"}
    assert record["reflections"] == {"reflect-first-idea": "Geschreven in tab één",
                                     "reflect-whose-goals": "Geschreven in tab twee"}
    first.wait_for_function("document.querySelector('input[data-id=\"check-one-test\"]').checked")


# --- import: protections kept, text never a reason, nothing replaced without asking ----------

def valid_export(**changes) -> dict:
    answers = {"format": "verbindend-werken/answers", "version": 2, "module": "methodical-work",
               "updated": "2026-11-02T08:00:00.000Z",
               "rounds": [{"started": "2026-11-02T08:00:00.000Z", "ratings": {"separate-facts": "3"}}],
               "reflections": {}, "checklist": {}}
    answers.update(changes)
    return answers


REJECTED_IMPORTS = {
    "markup as a statement id": json.dumps(valid_export(rounds=[{"ratings": {"<img src=x onerror=window.pwned=1>": "3"}}])),
    "rating out of range": json.dumps(valid_export(rounds=[{"ratings": {"separate-facts": "9"}}])),
    "reflection that is not text": json.dumps(valid_export(reflections={"reflect-first-idea": {"html": "<b>"}})),
    "wrong shape": json.dumps([1, 2, 3]),
    "not json": "this is not json {",
    "another module": json.dumps(valid_export(module="attachment-connection")),
    "oversized file": json.dumps(valid_export(reflections={"reflect-first-idea": "a" * 6_000_000})),
}


@pytest.mark.parametrize("case", REJECTED_IMPORTS)
def test_a_wrong_file_is_rejected_with_a_reason_and_changes_nothing(page, base_url, tmp_path, case):
    page.goto(base_url + url_path(MODULE, "en"))
    page.locator('input[name="rating-separate-facts"][value="1"]').check()
    before = page.evaluate("JSON.stringify(localStorage)")
    upload = tmp_path / "answers.json"
    upload.write_text(REJECTED_IMPORTS[case], encoding="utf-8")
    page.locator("input[data-action=import]").set_input_files(str(upload))
    page.locator("[data-status]").filter(has_text="Nothing has changed").wait_for()
    assert page.evaluate("JSON.stringify(localStorage)") == before
    assert page.locator('input[name="rating-separate-facts"][value="1"]').is_checked()
    assert page.evaluate("window.pwned") is None and page.locator("article img[src=x]").count() == 0


def test_import_accepts_any_text_asks_before_replacing_and_shows_text_as_text(page, base_url, tmp_path):
    page.goto(base_url + url_path(MODULE, "en"))
    page.locator('input[name="rating-separate-facts"][value="1"]').check()
    page.locator("#reflection-reflect-first-idea").fill("My own answer")
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    upload = tmp_path / "answers.json"
    upload.write_text(json.dumps(valid_export(reflections={"reflect-first-idea": hostile, "reflect-whose-goals": "`x` = <y>"})),
                      encoding="utf-8")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.locator("input[data-action=import]").set_input_files(str(upload))
    page.locator("[data-status]").filter(has_text="Nothing has changed").wait_for()
    assert "1 scores, 1 reflections and 0 ticks" in questions[0]
    assert page.locator("#reflection-reflect-first-idea").input_value() == "My own answer"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("input[data-action=import]").set_input_files(str(upload))
    page.locator("[data-status]").filter(has_text="restored").wait_for()
    assert page.locator("#reflection-reflect-first-idea").input_value() == hostile
    assert page.locator('input[name="rating-separate-facts"][value="3"]').is_checked()
    page.reload()
    assert page.locator("#reflection-reflect-whose-goals").input_value() == "`x` = <y>"
    assert page.evaluate("window.pwned") is None and page.locator("article img[src=x]").count() == 0


# --- 2. a workspace across modules ---------------------------------------------------------

def record_for(base: str, complete: bool, updated: str) -> dict:
    ids = module_ids(base)
    statements = ids["statements"] if complete else ids["statements"][:2]
    return {"format": "verbindend-werken/answers", "version": 2, "module": ids["id"], "updated": updated,
            "rounds": [{"started": updated, "ratings": {s: "4" for s in statements}}],
            "reflections": {r: "Mijn antwoord" for r in (ids["reflections"] if complete else [])},
            "checklist": {}}


def put_records(page, records: list[dict]) -> None:
    for record in records:
        page.evaluate(f"localStorage.setItem({json.dumps(KEY + record['module'])}, {json.dumps(json.dumps(record))})")


def test_training_overview_shows_each_modules_state_route_progress_and_continue_link(page, base_url):
    bases = module_pages()
    done, partial = "training/attachment-connection", "training/many-adults"
    page.goto(base_url + url_path("training/index", "en"))
    put_records(page, [record_for(done, True, "2026-11-01T10:00:00.000Z"),
                       record_for(partial, False, "2026-11-03T10:00:00.000Z")])
    page.reload()
    states = {base: page.locator(f'[data-module-state="{base.split("/")[1]}"]').inner_text() for base in bases}
    partial_ids = module_ids(partial)
    total = len(partial_ids["statements"]) + len(partial_ids["reflections"])
    assert states[done] == "Done"
    assert states[partial] == f"In progress: 2 of {total} answered"
    assert all(state == "Not started" for base, state in states.items() if base not in (done, partial))
    route = page.locator("#onboarding-path ~ ol li")
    assert "Done" in route.nth(0).inner_text() and "Not started" in route.nth(1).inner_text()
    assert "In progress" in route.nth(5).inner_text()
    link = page.locator("[data-continue] a")
    assert link.is_visible() and front_matter(partial, "en")["title"] in link.inner_text()
    link.click()
    page.wait_for_url("**/training/many-adults/")


def test_module_done_needs_every_statement_and_reflection(page, base_url):
    ids = module_ids(MODULE)
    page.goto(base_url + url_path(MODULE, "nl"))
    for index, statement in enumerate(ids["statements"]):
        page.locator(f'input[name="rating-{statement}"][value="{rating_for(index)}"]').check()
    for reflection in ids["reflections"][:-1]:
        page.locator(f"#reflection-{reflection}").fill("Klaar")
    page.locator(f"#reflection-{ids['reflections'][-1]}").fill("   \n ")  # only blanks: not written
    page.goto(base_url + url_path("training/index", "nl"))
    assert page.locator('[data-module-state="methodical-work"]').inner_text().startswith("Bezig")
    page.goto(base_url + url_path(MODULE, "nl"))
    page.locator(f"#reflection-{ids['reflections'][-1]}").fill("Nu wel")
    page.goto(base_url + url_path("training/index", "nl"))
    assert page.locator('[data-module-state="methodical-work"]').inner_text() == "Klaar"


def test_portfolio_shows_everything_prints_clean_and_exports_and_imports_all(page, base_url, tmp_path):
    page.goto(base_url + url_path("portfolio/index", "nl"))
    assert "nog geen antwoorden" in page.locator("[data-portfolio-modules]").inner_text()
    records = [record_for("training/attachment-connection", True, "2026-11-01T10:00:00.000Z"),
               record_for(MODULE, False, "2026-11-02T10:00:00.000Z")]
    records[1]["reflections"] = {"reflect-first-idea": "<b>niet vet</b>\n\nTweede alinea"}
    put_records(page, records)
    page.reload()
    first = page.locator("#portfolio-attachment-connection")
    assert "Klaar" in first.inner_text() and first.locator("table.vw-chart").count() == 1
    second = page.locator("#portfolio-methodical-work")
    assert "<b>niet vet</b>" in second.inner_text() and second.locator("b").count() == 0
    assert page.locator("#portfolio-young-child-needs").inner_text().count("Nog niet begonnen") == 1

    page.emulate_media(media="print")
    assert not page.locator("[data-answer-tools]").is_visible()
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    assert second.is_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.locator("button[data-action=export-all]").click()
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert exported["format"] == "verbindend-werken/portfolio" and exported["version"] == 2
    assert set(exported["modules"]) == {"attachment-connection", "methodical-work"}
    file = tmp_path / "portfolio.json"
    file.write_text(json.dumps(exported), encoding="utf-8")

    page.evaluate("localStorage.clear()")
    page.reload()
    page.locator("input[data-action=import-all]").set_input_files(str(file))
    page.locator("[data-status]").filter(has_text="teruggezet").wait_for()
    assert "<b>niet vet</b>" in page.locator("#portfolio-methodical-work").inner_text()
    # importing over existing answers asks first, naming the modules it replaces
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.locator("input[data-action=import-all]").set_input_files(str(file))
    page.locator("[data-status]").filter(has_text="Er is niets veranderd").wait_for()
    assert "Hechting" in questions[0] and "Methodisch" in questions[0]


def test_portfolio_has_no_axe_violation(page, base_url):
    page.goto(base_url + url_path("portfolio/index", "en"))
    put_records(page, [record_for(MODULE, True, "2026-11-01T10:00:00.000Z")])
    page.reload()
    assert run_axe(page) == []


def test_before_and_after_rounds_are_kept_and_shown_side_by_side(page, base_url, tmp_path):
    page.goto(base_url + url_path(MODULE, "en"))
    page.locator('input[name="rating-separate-facts"][value="2"]').check()
    page.locator('input[name="rating-adjust-plan"][value="1"]').check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Do the self-assessment again").click()
    assert not page.locator('input[name="rating-separate-facts"]:checked').count()
    page.locator('input[name="rating-separate-facts"][value="5"]').check()
    record = stored(page, "methodical-work")
    assert [r["ratings"] for r in record["rounds"]] == [{"separate-facts": "2", "adjust-plan": "1"}, {"separate-facts": "5"}]
    assert all(r["started"] for r in record["rounds"])
    headers = page.locator("[data-summary] table.vw-chart thead th").all_inner_texts()
    assert len(headers) == 3 and headers[1].startswith("Round 1 (") and headers[2].startswith("Round 2 (")
    page.reload()
    assert page.locator('input[name="rating-separate-facts"][value="5"]').is_checked()
    with page.expect_download() as download:
        page.locator("button[data-action=export]").click()
    assert len(json.loads(open(download.value.path(), encoding="utf-8").read())["rounds"]) == 2
    page.goto(base_url + url_path("portfolio/index", "en"))
    assert page.locator("#portfolio-methodical-work table.vw-chart thead th").count() == 3


# --- 3. a self-assessment people are glad to fill in -----------------------------------------

HEIGHT_LIMITS = {375: 1400, 1280: 700}  # for a module with 10 statements; a longer one gets its share more


@pytest.mark.parametrize("width", HEIGHT_LIMITS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_self_assessment_is_compact(browser, base_url, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    try:
        for base in module_pages():
            tab.goto(base_url + url_path(base, lang))
            statements = tab.locator(".vw-statement").count()
            height = tab.evaluate("""() => {
                const top = document.getElementById('self-assessment').getBoundingClientRect().top;
                const rows = document.querySelectorAll('.vw-statement');
                const note = document.querySelector('.vw-self-assessment .vw-own-note');  // issue 19: one line, not the form
                return rows[rows.length - 1].getBoundingClientRect().bottom - top - (note ? note.offsetHeight : 0); }""")
            assert height <= HEIGHT_LIMITS[width] * max(1, statements / 10), (base, statements, height)
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_each_statement_is_a_named_radio_group(page, base_url):
    page.goto(base_url + url_path(MODULE, "nl"))
    text = front_matter(MODULE, "nl")["self_assessment"]["themes"][0]["statements"][0]["text"]
    group = page.get_by_role("radiogroup", name=text)
    assert group.count() == 1
    assert group.get_by_role("radio").count() == 6
    lowest = front_matter(MODULE, "nl")["self_assessment"]["scale"][0]
    assert group.get_by_role("radio", name=f"1 {lowest}").count() == 1


@pytest.mark.parametrize("lang, decimal", [("nl", "2,5"), ("en", "2.5"), ("fr", "2,5")])
def test_theme_chart_has_a_1_to_5_axis_and_locale_numbers(browser, base_url, lang, decimal):
    for width, check in ((1280, "laptop"), (375, "phone")):
        context = browser.new_context(viewport={"width": width, "height": 800})
        tab = context.new_page()
        tab.goto(base_url + url_path(MODULE, lang))
        assert not tab.locator("[data-summary-work-on]").is_visible()
        tab.locator('input[name="rating-separate-facts"][value="2"]').check()
        tab.locator('input[name="rating-ask-several-sources"][value="3"]').check()
        chart = tab.locator("[data-summary] table.vw-chart")
        assert decimal in chart.locator("tbody tr").first.inner_text()
        assert chart.locator("tfoot .vw-chart__ticks span").all_inner_texts() == ["1", "2", "3", "4", "5"]
        assert tab.locator("[data-summary-work-on]").is_visible()
        sizes = chart.evaluate("t => [...t.querySelectorAll('th, td, span')].map(e => parseFloat(getComputedStyle(e).fontSize))")
        body = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
        if check == "laptop":
            assert max(sizes) <= body
        else:
            assert min(sizes) >= 14
        context.close()


def test_print_my_answers_fits_two_a4_pages(page, base_url):
    ids = module_ids(MODULE)
    assert ids["statements"] and ids["reflections"]  # the module's own, however many: all must fit
    page.goto(base_url + url_path(MODULE, "en"))
    for index, statement in enumerate(ids["statements"]):
        page.locator(f'input[name="rating-{statement}"][value="{rating_for(index)}"]').check()
    answer = ("When a child is upset I now first write down what I saw and heard, before I think about why. "
              "Then I ask the parents how they see it. ") * 3
    for reflection in ids["reflections"]:
        page.locator(f"#reflection-{reflection}").fill(answer)
    for item in ids["checklist"][:3]:
        page.locator(f'input[data-id="{item}"]').check()
    page.evaluate("window.print = () => {}")  # no print dialog in tests
    page.get_by_role("button", name="Print my answers").click()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) <= 2, len(pdf.pages)
    statement = front_matter(MODULE, "en")["self_assessment"]["themes"][0]["statements"][0]["text"]
    lowest = front_matter(MODULE, "en")["self_assessment"]["scale"][0]
    assert statement[:30] in text and f"1 – {lowest}" in text
    assert text.count("Then I ask the parents how they see it.") == 4 * 3
    assert front_matter(MODULE, "en")["vignettes"][0]["title"] not in text  # only the answers are printed
