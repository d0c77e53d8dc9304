"""Issue 18: answers hold in real use — a browser that refuses storage, a component that fails, two
devices with skewed clocks, records a newer version of the site wrote.

Everything runs in Debian's Chromium against the built site. Storage is refused the three ways real
browsers do it: reading `localStorage` throws (sandboxed frame, blocked third-party storage), every
write throws (strict privacy settings), or the storage is full (small values fit, records do not).
"""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import ROOT
from pages import LANGUAGES, module_pages, url_path

KEY = "verbindend-werken:answers:"
BACKUP = "verbindend-werken:backup:"

REFUSALS = {
    "read": """Object.defineProperty(window, "localStorage", { configurable: true,
                 get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });""",
    "write": """Storage.prototype.setItem = function () {
                  throw new DOMException("The operation is insecure.", "SecurityError"); };""",
    "full": """(() => { const set = Storage.prototype.setItem;
                 Storage.prototype.setItem = function (key, value) {
                   if (String(value).length > 16) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
                   return set.call(this, key, value); }; })();""",
}


def normalised(text: str) -> str:
    """A label as the page shows it, without the French typography the build adds."""
    for typographic, plain in (("\u202f", " "), ("\u00a0", " "), ("\u2019", "'"), ("«", '"'), ("»", '"')):
        text = text.replace(typographic, plain)
    return " ".join(text.split())


def label(lang: str, key: str) -> str:
    return normalised(yaml.safe_load((ROOT / f"hooks/labels/{lang}.yml").read_text(encoding="utf-8"))[key])


def module_shape(tab) -> dict:
    return json.loads(tab.locator("#vw-module-data").text_content())


def first_statement(tab) -> str:
    return module_shape(tab)["themes"][0]["statements"][0]["id"]


@pytest.fixture()
def refused(browser):
    """A fresh browser profile whose storage is refused in the given way; its page errors are collected."""
    contexts = []

    def profile(how: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        context.add_init_script(REFUSALS[how])
        contexts.append(context)
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        tab.on("console", lambda message: message.type == "error" and tab.errors.append(message.text))
        return tab

    yield profile
    for context in contexts:
        context.close()


# --- 1. a browser that refuses storage ---------------------------------------------------------

@pytest.mark.parametrize("how", REFUSALS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_module_page_works_from_memory_and_says_so_once_when_storage_is_refused(refused, base_url, how, lang):
    tab = refused(how)
    module = module_pages()[LANGUAGES.index(lang)]
    tab.goto(base_url + url_path(module, lang))
    shape = module_shape(tab)
    statement = first_statement(tab)
    reflection = shape["reflections"][0]["id"]
    tab.locator(f'input[name="rating-{statement}"][value="4"]').check()
    tab.locator(f'textarea[data-id="{reflection}"]').fill("Nog hier <b>als tekst</b>")
    tab.locator("input[data-answer=checklist]").first.check()
    message = tab.locator("[data-store-message]")
    message.wait_for(state="visible")
    assert normalised(message.inner_text()) == label(lang, "store_failed")
    assert tab.locator("[data-store-message]:visible").count() == 1
    # every component started: the summary, the tools, the facilitator switch
    assert tab.locator("[data-summary]").is_visible()
    assert tab.locator("[data-answer-tools]").first.is_visible()
    with tab.expect_download() as download:
        tab.locator("button[data-action=export]").click()
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert exported["rounds"][-1]["ratings"] == {statement: "4"}
    assert exported["reflections"] == {reflection: "Nog hier <b>als tekst</b>"}
    tab.evaluate("window.print = () => {}")
    tab.locator("button[data-action=print]").click()
    report = tab.locator("[data-print-report]")
    assert "Nog hier <b>als tekst</b>" in report.inner_text()
    assert report.locator("b").count() == 0  # text, never markup
    assert tab.errors == []


def test_every_module_page_in_every_language_starts_when_reading_storage_throws(refused, base_url):
    tab = refused("read")
    for lang in LANGUAGES:
        for module in module_pages():
            tab.goto(base_url + url_path(module, lang))
            statement = first_statement(tab)
            tab.locator(f'input[name="rating-{statement}"][value="2"]').check()
            assert tab.locator("[data-summary]").is_visible(), (module, lang)
            assert normalised(tab.locator("[data-store-message]").inner_text()) == label(lang, "store_failed"), (module, lang)
    assert tab.errors == []


@pytest.mark.parametrize("how", REFUSALS)
def test_the_portfolio_imports_shows_and_exports_from_memory_when_storage_is_refused(refused, base_url, tmp_path, how):
    tab = refused(how)
    tab.goto(base_url + url_path("training/methodical-work", "en"))
    statement = first_statement(tab)
    record = {"format": "verbindend-werken/answers", "version": 2, "module": "methodical-work", "updated": "2026-03-01T10:00:00Z",
              "rounds": [{"started": "2026-03-01T10:00:00Z", "ratings": {statement: "5"}}],
              "reflections": {"reflect-first-idea": "Uit het geheugen"}, "checklist": {}}
    file = tmp_path / "all.json"
    file.write_text(json.dumps({"format": "verbindend-werken/portfolio", "version": 2, "modules": {"methodical-work": record}}))
    tab.goto(base_url + url_path("portfolio/index", "en"))
    assert tab.locator("[data-answer-tools]").is_visible()
    tab.locator("input[data-action=import-all]").set_input_files(str(file))
    section = tab.locator("#portfolio-methodical-work")
    section.get_by_text("Uit het geheugen").wait_for()
    message = tab.locator("[data-store-message]")
    assert message.is_visible() and normalised(message.inner_text()) == label("en", "store_failed")
    with tab.expect_download() as download:
        tab.locator("button[data-action=export-all]").click()
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert exported["modules"]["methodical-work"]["reflections"] == {"reflect-first-idea": "Uit het geheugen"}
    assert tab.errors == []


@pytest.mark.parametrize("how", REFUSALS)
def test_the_training_overview_starts_when_storage_is_refused(refused, base_url, how):
    tab = refused(how)
    tab.goto(base_url + url_path("training/index", "fr"))
    states = tab.locator("[data-module-state]")
    assert states.count() == len(module_pages())
    assert all(state.is_visible() and state.inner_text() for state in states.all())
    message = tab.locator(".vw-module-cards [data-store-message]")
    if how == "full":  # small values fit: nothing was refused yet on a page that writes nothing
        assert message.is_hidden()
    else:
        assert normalised(message.inner_text()) == label("fr", "store_failed")
    assert tab.errors == []


def test_reading_a_record_writes_nothing_and_tells_no_one(page, base_url):
    page.goto(base_url + url_path("training/methodical-work", "nl"))
    page.evaluate(f"localStorage.setItem('{KEY}methodical-work', '{{not json')")  # unreadable: read() must not back it up
    calls = page.evaluate("""() => {
        const VW = window.VerbindendWerken, store = VW.AnswerStore.open("methodical-work");
        let writes = 0, notices = 0;
        const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function () { writes++; return set.apply(this, arguments); };
        store.subscribe(() => notices++);
        for (let i = 0; i < 5; i++) { store.read(); VW.AnswerStore.everything(); }
        Storage.prototype.setItem = set;
        return {writes, notices};
    }""")
    assert calls == {"writes": 0, "notices": 0}


def test_a_component_that_fails_is_reported_once_and_stops_no_other(browser, base_url):
    context = browser.new_context()
    tab = context.new_page()
    errors = []
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.route("**/answer-tools/answer-tools.js", lambda route: route.fulfill(content_type="text/javascript", body=(
        "(function (VW) { VW.components = VW.components || {};"
        " VW.components['answer-tools'] = function () { throw new Error('broken on purpose'); };"
        "})(window.VerbindendWerken = window.VerbindendWerken || {});")))
    tab.goto(base_url + url_path("training/methodical-work", "en"))
    statement = first_statement(tab)
    tab.locator(f'input[name="rating-{statement}"][value="3"]').check()
    assert tab.locator("[data-summary]").is_visible()  # answer-form, which starts after the broken one, works
    record = json.loads(tab.evaluate(f"localStorage.getItem('{KEY}methodical-work')"))
    assert record["rounds"][-1]["ratings"] == {statement: "3"}
    assert len([e for e in errors if "answer-tools" in e]) == 1
    context.close()


# --- 2. every path where an answer could slip away -------------------------------------------

def test_merging_keeps_the_newer_answer_one_by_one_and_matches_rounds_by_their_start(page, base_url):
    """Device A's clock runs ahead: its whole record looks newer, yet device B changed one answer later."""
    page.goto(base_url + url_path("training/methodical-work", "nl"))
    merged = page.evaluate("""() => {
        const S = window.VerbindendWerken.AnswerStore;
        const record = (updated, parts) => S.migrate(Object.assign({format: S.FORMAT, version: 2, module: "m", updated}, parts), "m");
        const a = record("2026-05-01T12:00:00Z", {
            reflections: {first: "A wrote this last", second: "A's old text"},
            times: {reflections: {first: "2026-05-01T11:00:00Z", second: "2026-04-01T09:00:00Z"}, checklist: {}},
            checklist: {},
            rounds: [{started: "2026-03-01T08:00:00Z", ratings: {s1: "1"}, times: {s1: "2026-03-01T08:00:00Z"}},
                     {started: "2026-04-20T08:00:00Z", ratings: {s1: "2"}, times: {s1: "2026-04-20T08:00:00Z"}}]});
        const b = record("2026-04-25T10:00:00Z", {
            reflections: {first: "B's older text", second: "B rewrote this later"},
            times: {reflections: {first: "2026-04-02T10:00:00Z", second: "2026-04-25T10:00:00Z"}, checklist: {}},
            checklist: {tick: true},
            rounds: [{started: "2026-04-20T08:00:00Z", ratings: {s1: "5", s2: "3"},
                      times: {s1: "2026-04-24T08:00:00Z", s2: "2026-04-24T08:00:00Z"}}]});
        return S.combine(a, b);
    }""")
    assert merged["reflections"] == {"first": "A wrote this last", "second": "B rewrote this later"}
    assert merged["checklist"] == {"tick": True}
    assert [r["started"] for r in merged["rounds"]] == ["2026-03-01T08:00:00Z", "2026-04-20T08:00:00Z"]
    assert merged["rounds"][0]["ratings"] == {"s1": "1"}              # the first round is left alone
    assert merged["rounds"][1]["ratings"] == {"s1": "5", "s2": "3"}   # the same round, by its start


def test_each_answer_carries_the_time_it_was_last_changed(page, base_url):
    page.goto(base_url + url_path("training/methodical-work", "en"))
    statement = first_statement(page)
    page.locator(f'input[name="rating-{statement}"][value="4"]').check()
    page.locator("#reflection-reflect-first-idea").fill("First")
    before = json.loads(page.evaluate(f"localStorage.getItem('{KEY}methodical-work')"))
    page.wait_for_timeout(20)
    page.locator("input[data-answer=checklist]").first.check()
    after = json.loads(page.evaluate(f"localStorage.getItem('{KEY}methodical-work')"))
    assert after["rounds"][-1]["times"][statement] == before["rounds"][-1]["times"][statement]
    assert after["times"]["reflections"]["reflect-first-idea"] == before["times"]["reflections"]["reflect-first-idea"]
    assert list(after["times"]["checklist"].values())[0] > before["times"]["reflections"]["reflect-first-idea"]


def test_a_record_from_a_newer_version_is_shown_restored_exported_and_imported_again(browser, base_url, tmp_path):
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    tab.goto(base_url + url_path("training/methodical-work", "nl"))
    statement = first_statement(tab)
    newer = {"format": "verbindend-werken/answers", "version": 9, "module": "methodical-work", "updated": "2027-01-01T10:00:00Z",
             "rounds": [{"started": "2027-01-01T09:00:00Z", "ratings": {statement: "5"}}],
             "reflections": {"reflect-first-idea": "Geschreven met een nieuwere versie <i>echt</i>"}, "checklist": {},
             "something-new": {"kept": True}}
    tab.evaluate(f"localStorage.setItem('{KEY}methodical-work', {json.dumps(json.dumps(newer))})")
    tab.reload()
    assert tab.locator("[data-store-message]").is_visible()  # put aside, and the learner is told
    tab.goto(base_url + url_path("portfolio/index", "nl"))
    kept = tab.locator("#portfolio-backups")
    kept.get_by_text("Geschreven met een nieuwere versie <i>echt</i>").wait_for()
    assert kept.locator("i").count() == 0
    with tab.expect_download() as download:
        tab.locator("button[data-action=export-all]").click()
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert [json.loads(text) for text in exported["backups"].values()] == [newer]
    # a new computer: import brings the kept record back, still restorable
    tab.evaluate("localStorage.clear()")
    tab.reload()
    assert tab.locator("#portfolio-backups").count() == 0
    tab.locator("input[data-action=import-all]").set_input_files(download.value.path())
    tab.locator("#portfolio-backups button[data-restore]").click()
    tab.get_by_text(label("nl", "backup_restored").split("{")[0].strip()).wait_for()
    assert tab.locator("#portfolio-backups").count() == 0
    record = json.loads(tab.evaluate(f"localStorage.getItem('{KEY}methodical-work')"))
    assert record["version"] == 2 and record["reflections"] == newer["reflections"]
    assert record["rounds"][-1]["ratings"] == {statement: "5"}
    context.close()


def test_an_unreadable_backup_is_shown_as_the_text_it_is(page, base_url):
    page.goto(base_url + url_path("portfolio/index", "en"))
    page.evaluate(f"localStorage.setItem('{BACKUP}methodical-work:2026-01-02T03:04:05Z', '{{\"half a <b>record')")
    page.reload()
    kept = page.locator("#portfolio-backups")
    kept.locator("summary").click()
    assert kept.locator("pre").inner_text() == '{"half a <b>record'
    assert kept.locator("button[data-restore]").count() == 0
