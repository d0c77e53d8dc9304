"""Issue 12: the facilitator's workshop kit — slides with presenter notes, the session plan, the workshop
pack, worksheets, fixes to the handouts and the group summary."""

from __future__ import annotations

import html as html_lib
import json
import re
import zipfile

import pytest
import yaml
from pypdf import PdfReader

from authoring import check_with_defect
from hooks import typography
from conftest import ROOT, pdf_page_texts, pdf_reader, run_axe
from pages import LANGUAGES, module_pages, url_path

# The interface texts as the build prints them: with the language's typography (French apostrophes and spaces).
LABELS = {lang: typography.polish_labels(yaml.safe_load((ROOT / f"hooks/labels/{lang}.yml").read_text(encoding="utf-8")), lang)
          for lang in LANGUAGES}
MODULE_IDS = [base.split("/")[1] for base in module_pages()]
A4 = (595.28, 841.89)
WRITING_LINE_GREY = [0.467] * 3  # .vw-line's border (#777) in overrides/assets/css/handout.css: only writing lines
ROUTE = ["attachment-connection", "partnership-parents", "involving-child", "methodical-work",
         "basic-climate-guidance", "many-adults", "young-child-needs"]


def module(module_id: str, lang: str) -> dict:
    text = (ROOT / f"docs/training/{module_id}.{lang}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def collaboration(lang: str) -> dict:
    text = (ROOT / f"docs/collaboration/index.{lang}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def lang_root(site_dir, lang: str):
    return site_dir / ("" if lang == "nl" else lang)


def plain(html: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def squeeze(text: str) -> str:
    """Whitespace-blind, and apostrophes compare as one: French PDFs and decks get typographic ones."""
    return re.sub(r"\s+", "", text).replace("’", "'")


def sentences(markdown: str) -> list[str]:
    """The longer sentences of a Markdown text, without its markup: what must (not) appear somewhere."""
    text = re.sub(r"[*_`]", "", markdown)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text) if len(s.strip()) > 40]


# --- 1. slides ---------------------------------------------------------------

def deck_html(site_dir, lang: str, module_id: str) -> str:
    return (lang_root(site_dir, lang) / "slides" / f"{module_id}.html").read_text(encoding="utf-8")


def split_deck(html: str) -> tuple[str, str]:
    """(what the slides project, what the presenter notes hold)."""
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', html, re.DOTALL)
    slides = re.search(r'<div class="slides">(.*)</div>\s*</div>', html, re.DOTALL).group(1)
    projected = re.sub(r'<aside class="notes">.*?</aside>', " ", slides, flags=re.DOTALL)
    return plain(projected), plain(" ".join(notes))


@pytest.mark.parametrize("module_id", MODULE_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_deck_projects_the_module_and_keeps_notes_for_the_presenter(site_dir, lang, module_id):
    data, ui = module(module_id, lang), LABELS[lang]
    projected, notes = split_deck(deck_html(site_dir, lang, module_id))
    polish = typography.for_language(lang)[1]  # decks carry the language's typography (apostrophes, spaces)
    for text in [data["title"], *data["objectives"], *data["key_points"],
                 *(r["question"] for r in data["reflection"]),
                 *(q for v in data["vignettes"] for q in v["questions"]),
                 *(s for v in data["vignettes"] for s in sentences(v["story"]))]:
        assert squeeze(polish(html_lib.unescape(text))) in squeeze(projected), text
    hidden = [*sentences(data["facilitator_notes"]), *(s for v in data["vignettes"] for s in sentences(v["discussion"]))]
    assert hidden
    for sentence in hidden:
        assert squeeze(polish(sentence)) not in squeeze(projected), sentence
        assert squeeze(polish(sentence)) in squeeze(notes), sentence
    for step in data["session_plan"]:
        timing = f'{step["minutes"]} {ui["minutes"]}'
        assert timing in notes
    assert not re.search(rf'\b\d+ {re.escape(ui["minutes"])}\b', projected), "a timing on a projected slide"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_session_plan_drives_the_order_of_the_deck(site_dir, lang):
    data, ui = module("methodical-work", lang), LABELS[lang]
    projected, _ = split_deck(deck_html(site_dir, lang, "methodical-work"))
    total = len(data["session_plan"])
    positions = [projected.index(ui["slides_step"].format(number=n, total=total)) for n in range(1, total + 1)]
    assert positions == sorted(positions)
    # each case follows the step that covers it
    for number, step in enumerate(data["session_plan"], 1):
        for part in step.get("covers", []):
            case = next((v for v in data["vignettes"] if v["id"] == part), None)
            if case:
                title = typography.for_language(lang)[1](case["title"])  # as projected, with the language's typography
                assert positions[number - 1] < projected.index(title)
                if number < total:
                    assert projected.index(title) < positions[number]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_page_and_handouts_page_link_the_deck(site_dir, lang):
    module_page = lang_root(site_dir, lang) / "training" / "methodical-work" / "index.html"
    handouts = lang_root(site_dir, lang) / "handouts" / "index.html"
    for page in (module_page, handouts):
        hrefs = re.findall(r'<a href="([^"]+)" class="vw-slides-link">', page.read_text(encoding="utf-8"))
        assert hrefs, page
        assert all((page.parent / href).resolve().exists() for href in hrefs)
    assert len(re.findall(r'class="vw-slides-link"', handouts.read_text(encoding="utf-8"))) == len(MODULE_IDS)


def open_deck(tab, base_url: str, lang: str, module_id: str) -> list[str]:
    requests = []
    tab.on("request", lambda request: requests.append(request.url))
    prefix = "" if lang == "nl" else f"{lang}/"
    tab.goto(f"{base_url}/{prefix}slides/{module_id}.html", wait_until="networkidle")
    tab.wait_for_function("window.Reveal && Reveal.isReady()")
    return requests


def test_deck_is_driven_by_keyboard_with_a_speaker_view_and_sends_nothing_elsewhere(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    requests = open_deck(tab, base_url, "en", "methodical-work")
    tab.keyboard.press("ArrowRight")
    assert tab.evaluate("Reveal.getIndices().h") == 1
    tab.keyboard.press("Space")
    assert tab.evaluate("Reveal.getIndices().h") == 2
    tab.keyboard.press("ArrowLeft")
    tab.keyboard.press("Home")
    assert tab.evaluate("Reveal.getIndices().h") == 0
    with context.expect_page() as speaker:
        tab.keyboard.press("s")
    view = speaker.value
    notes = module("methodical-work", "en")["facilitator_notes"]
    first = sentences(notes)[0]
    view.wait_for_function("document.body && document.body.innerText.length > 0")
    view.locator(".speaker-controls-notes").wait_for(timeout=10000)
    view.wait_for_function("s => document.querySelector('.speaker-controls-notes').innerText.replace(/\\s+/g, '')"
                           ".includes(s)", arg=squeeze(first), timeout=10000)
    # Its own styles apply under the site's policy: the current slide on the left, the pacing bar hidden.
    assert view.evaluate("getComputedStyle(document.querySelector('#current-slide')).position") == "absolute"
    assert view.evaluate("getComputedStyle(document.querySelector('.pacing')).display") == "none"
    assert all(url.startswith(base_url) or url.startswith(("data:", "about:", "blob:")) for url in requests), requests
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_speaker_view_speaks_the_language_of_the_deck_and_the_deck_has_the_sites_icon(browser, base_url, lang):
    labels = typography.polish_labels(LABELS[lang], lang)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    problems: list[str] = []  # in the deck and in the speaker view: console errors (policy violations too), failures
    context.on("console", lambda message: message.type == "error" and problems.append(message.text))
    context.on("response", lambda response: response.status >= 400 and problems.append(f"{response.status} {response.url}"))
    tab = context.new_page()
    requests = open_deck(tab, base_url, lang, "many-adults")
    with context.expect_page() as speaker:
        tab.keyboard.press("s")
    view = speaker.value
    view.locator(".speaker-layout-dropdown option").nth(3).wait_for(state="attached")
    view.wait_for_function("() => document.querySelector('.clock-value').textContent !== '0:00 AM'")  # the clock runs
    text = lambda selector: view.locator(selector).first.evaluate("e => e.firstChild.textContent.trim()")
    assert view.locator("html").get_attribute("lang") == lang
    assert view.title() == labels["speaker_view_title"]
    assert text("#upcoming-slide .label") == labels["speaker_view_upcoming"]
    assert text(".speaker-controls-time .label") == labels["speaker_view_time"]
    assert text(".reset-button") == labels["speaker_view_reset"]
    assert text(".pacing-title") == labels["speaker_view_pacing"]
    assert text(".speaker-controls-notes .label") == labels["speaker_view_notes"]
    assert view.locator(".speaker-layout-dropdown option").all_text_contents() == [
        labels[f"speaker_view_layout_{name}"] for name in ("default", "wide", "tall", "notes_only")]
    assert view.locator(".speaker-layout-label").text_content() == (
        f"{labels['speaker_view_layout']}: {labels['speaker_view_layout_default']}")
    if lang != "en":
        assert not re.search(r"Upcoming|Click to Reset|Layout|Speaker View|[AP]M\b", view.locator("html").inner_text())
    view.wait_for_timeout(300)
    context.close()
    assert problems == []
    assert not [url for url in requests if url.endswith("/favicon.ico")]
    assert f"{base_url}/assets/favicon.svg" in requests


def test_deck_has_no_axe_violations(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    for lang in LANGUAGES:
        open_deck(tab, base_url, lang, "young-child-needs")
        assert run_axe(tab) == [], lang
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_slide_fits_the_projector_with_large_text(browser, base_url, lang):
    """At 1280 × 720: body text at least 28 px on screen and no slide taller than the slide area."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    for module_id in MODULE_IDS:
        open_deck(tab, base_url, lang, module_id)
        problems = tab.evaluate("""() => {
            const found = [], height = Reveal.getConfig().height, scale = Reveal.getScale();
            Reveal.getSlides().forEach((slide, index) => {
                Reveal.slide(index);
                if (slide.scrollHeight > height) found.push(`slide ${index + 1} is ${slide.scrollHeight}px high`);
                slide.querySelectorAll('p, li').forEach(el => {
                    if (el.closest('aside.notes')) return;
                    const size = parseFloat(getComputedStyle(el).fontSize) * scale;
                    if (size < 28) found.push(`slide ${index + 1}: text at ${size.toFixed(1)}px`);
                });
            });
            return found;
        }""")
        assert problems == [], f"{lang} {module_id}: {problems[:5]}"
    context.close()


def test_deck_works_from_the_offline_bundle(offline_bundle, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    tab = context.new_page()
    requests = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto((offline_bundle / "fr" / "training" / "many-adults.html").as_uri())
    tab.locator("a.vw-slides-link").first.click()
    tab.wait_for_function("window.Reveal && Reveal.isReady()")
    assert tab.url.endswith("/fr/slides/many-adults.html")
    tab.keyboard.press("ArrowRight")
    assert tab.evaluate("Reveal.getIndices().h") == 1
    assert [url for url in requests if not url.startswith(("file://", "data:", "about:", "blob:"))] == []
    context.close()


# --- 2. session plan -----------------------------------------------------------

def edit_plan(project, lang: str, old: str, new: str) -> None:
    path = project / f"docs/training/methodical-work.{lang}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PLAN_DEFECTS = {
    "minutes that do not add up": ("fr", "    minutes: 10\n", "    minutes: 15\n", "session_plan",
                                   "add up to 125, but duration_minutes is 120"),
    "a step without its activity": ("en", "    activity: \"", "    note: \"",
                                    "session_plan[1].activity", "is required but missing"),
    "an unknown form": ("nl", "    form: small-groups\n", "    form: carousel\n", "session_plan[3].form",
                        "'plenary', 'pairs', 'small-groups' or 'alone'"),
}


@pytest.mark.parametrize("case", PLAN_DEFECTS)
def test_a_broken_session_plan_gives_one_clear_message(tmp_path, case):
    lang, old, new, field, words = PLAN_DEFECTS[case]
    result = check_with_defect(tmp_path, lambda project: edit_plan(project, lang, old, new))
    assert len(result.messages) == 1, result.messages
    message = result.messages[0]
    assert f"docs/training/methodical-work.{lang}.md [{lang}]" in message, message
    assert f"field '{field}" in message and words in message, message
    assert result.files_changed == []


def test_timings_live_in_the_session_plan_not_in_the_notes():
    for module_id in MODULE_IDS:
        for lang in LANGUAGES:
            data = module(module_id, lang)
            assert sum(step["minutes"] for step in data["session_plan"]) == data["duration_minutes"]
            assert not re.search(r"\d+ minut", data["facilitator_notes"]), (module_id, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_session_plan_comes_first_in_the_facilitator_notes_on_the_web(site_dir, lang):
    html = (lang_root(site_dir, lang) / "training" / "many-adults" / "index.html").read_text(encoding="utf-8")
    notes = re.search(r'<section class="vw-facilitator".*?</section>', html, re.DOTALL).group(0)
    after_heading = notes.split("</h2>", 1)[1].lstrip()
    assert after_heading.startswith('<section class="vw-session-plan"')
    rows = re.findall(r"<tr data-kind=\"[^\"]+\">\s*<th scope=\"row\">\d", notes)  # not the reading at home
    assert len(rows) == len(module("many-adults", lang)["session_plan"])


# --- 3, 5, 6. PDFs -----------------------------------------------------------------

def pdf(site_dir, lang: str, name: str):
    return lang_root(site_dir, lang) / "handouts" / name


def page_texts(path) -> list[str]:
    return [re.sub(r"\s+", " ", text) for text in pdf_page_texts(path)]


def assert_standard_pdf(path, lang: str, title: str) -> None:
    reader = pdf_reader(path)
    catalog = reader.trailer["/Root"]
    assert all(abs(float(p.mediabox.width) - A4[0]) < 1 and abs(float(p.mediabox.height) - A4[1]) < 1
               for p in reader.pages)
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == lang
    assert reader.metadata.title == typography.for_language(lang)[1](title)  # French spacing, as on the page
    texts = page_texts(path)
    for number, text in enumerate(texts, 1):
        assert LABELS[lang]["page_x_of_y"].format(page=number, pages=len(texts)) in text


@pytest.mark.parametrize("module_id", MODULE_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_workshop_pack_has_its_five_parts_each_on_its_own_page(site_dir, lang, module_id):
    ui, data = LABELS[lang], module(module_id, lang)
    path = pdf(site_dir, lang, f"{module_id}-workshop-pack-{lang}.pdf")
    assert_standard_pdf(path, lang, f"{data['title']} – {ui['workshop_pack_pdf'].removesuffix(' (PDF)')}")
    texts = page_texts(path)
    assert len(texts) == 5  # issue 19: the plan has a page of its own, then preparation and follow-up
    plan, preparation, attendance, evaluation, certificate = texts
    assert ui["session_plan"] in plan
    for label in (ui["preparation_and_follow_up"], ui["group_size"], ui["materials"], ui["follow_up"], ui["based_on"]):
        assert squeeze(label) in squeeze(preparation)
    polish = typography.for_language(lang)[1]  # French typography, as printed
    assert all(squeeze(polish(plain(yaml.safe_load(json.dumps(step["activity"]))).replace("*", "")))[:30]
               in squeeze(plan) for step in data["session_plan"])
    for label in (ui["attendance_list"], ui["date"], ui["place"], ui["facilitator"], ui["name"],
                  ui["organisation"], ui["signature"]):
        assert label in attendance
    assert re.search(r"\b16\b", attendance) and not re.search(r"\b17\b", attendance)
    for label in (ui["evaluation"], ui["evaluation_take_away"], ui["evaluation_do_differently"],
                  ui["evaluation_usefulness"], ui["evaluation_remark"]):
        assert squeeze(label) in squeeze(evaluation)
    for label in (ui["certificate"], ui["participant_name"], ui["facilitator_name"], ui["signature"], ui["date"],
                  ui["place"], data["title"], f'{data["duration_minutes"]} {ui["minutes"]}'):
        assert squeeze(label) in squeeze(certificate)
    assert all(squeeze(objective) in squeeze(certificate) for objective in data["objectives"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_worksheets_give_each_theme_a_page_ending_in_room_for_the_team(site_dir, lang):
    ui, page = LABELS[lang], collaboration(lang)
    path = pdf(site_dir, lang, f"collaboration-worksheets-{lang}.pdf")
    assert_standard_pdf(path, lang, f"{page['title']} – {ui['worksheets_pdf'].removesuffix(' (PDF)')}")
    texts = page_texts(path)
    assert len(texts) == len(page["themes"])
    polish = typography.for_language(lang)[1]  # the PDF carries the language's typography
    for text, theme in zip(texts, page["themes"]):
        for part in [theme["title"], theme["reflection"], *theme["tips"], *theme.get("parents_told_us", []),
                     ui["title_line"], ui["what_we_add"], ui["team_question"]]:
            assert squeeze(polish(part)) in squeeze(text), part
        assert squeeze(polish(sentences(theme["meaning"])[0])) in squeeze(text)
    for number in range(len(texts)):
        assert len(writing_lines(pdf_reader(path), number)) >= 6


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pdf_has_its_own_title_and_a_file_name_with_its_language(site_dir, lang):
    names = sorted(p.name for p in (lang_root(site_dir, lang) / "handouts").glob("*.pdf"))
    assert len(names) == len(MODULE_IDS) * 4 + 2
    assert all(name.endswith(f"-{lang}.pdf") for name in names)
    titles = [PdfReader(lang_root(site_dir, lang) / "handouts" / name).metadata.title for name in names]
    assert len(set(titles)) == len(titles)


WEB_ONLY = ("answers_saved", "self_assessment_intro", "discussion", "facilitator_view", "export", "import",
            "print_answers", "summary_empty")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_web_only_text_in_any_pdf(site_dir, lang):
    ui = LABELS[lang]
    for path in sorted((lang_root(site_dir, lang) / "handouts").glob("*.pdf")):
        text = squeeze(" ".join(page_texts(path)))
        for key in WEB_ONLY:
            assert squeeze(ui[key]) not in text, (path.name, key)


def writing_lines(reader: PdfReader, number: int) -> list[float]:
    """Heights (PDF units from the page bottom) of the writing lines drawn on one page."""
    found, state = [], {"grey": False}

    def before(operator, arguments, matrix, _text_matrix):
        if operator == b"rg":
            state["grey"] = [round(float(a), 3) for a in arguments] == WRITING_LINE_GREY
        elif operator == b"re" and state["grey"]:
            _, y, _, height = (float(a) for a in arguments)
            found.append(matrix[3] * (y + height) + matrix[5])

    reader.pages[number].extract_text(visitor_operand_before=before)
    return sorted(set(round(y) for y in found), reverse=True)


def text_positions(reader: PdfReader, number: int) -> list[tuple[float, str]]:
    found = []

    def visit(text, matrix, text_matrix, _font, _size):
        if text.strip():
            found.append((matrix[3] * text_matrix[5] + matrix[5], text.strip()))

    reader.pages[number].extract_text(visitor_text=visit)
    return found


def question_with_its_lines(reader: PdfReader, question: str) -> bool:
    """The question's first line and a writing line below it are on the same page."""
    wanted = squeeze(question)[:60]
    for number in range(len(reader.pages)):
        for y, text in text_positions(reader, number):
            line = squeeze(text)[:60]  # the question's first line, or the whole question
            if len(line) >= 20 and (wanted.startswith(line) or line.startswith(wanted)):
                return any(writing_line < y for writing_line in writing_lines(reader, number))
    raise AssertionError(f"question not found: {question}")


@pytest.mark.parametrize("kind", ["learner", "facilitator"])
@pytest.mark.parametrize("module_id", MODULE_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reflection_question_is_never_separated_from_its_writing_lines(site_dir, lang, module_id, kind):
    reader = pdf_reader(pdf(site_dir, lang, f"{module_id}-{kind}-{lang}.pdf"))
    questions = [r["question"] for r in module(module_id, lang)["reflection"]]
    for question in questions:
        assert question_with_its_lines(reader, question), question
    all_lines = sum(len(writing_lines(reader, n)) for n in range(len(reader.pages)))
    assert all_lines >= 6 * len(questions)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_learner_handout_has_name_and_date_and_facilitator_handout_starts_with_the_plan(site_dir, lang):
    ui, data = LABELS[lang], module("young-child-needs", lang)
    learner = page_texts(pdf(site_dir, lang, f"young-child-needs-learner-{lang}.pdf"))
    assert ui["name"] in learner[0] and ui["date"] in learner[0]
    facilitator = page_texts(pdf(site_dir, lang, f"young-child-needs-facilitator-{lang}.pdf"))
    assert ui["session_plan"] in facilitator[0]
    last_step = data["session_plan"][-1]["activity"]
    assert squeeze(last_step)[:30] in squeeze(facilitator[0])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_handouts_page_offers_one_zip_and_lists_modules_in_route_order(site_dir, lang):
    page = lang_root(site_dir, lang) / "handouts" / "index.html"
    html = page.read_text(encoding="utf-8")
    href = re.search(r'<a href="([^"]+\.zip)" download>', html).group(1)
    with zipfile.ZipFile((page.parent / href).resolve()) as archive:
        names = sorted(archive.namelist())
    assert names == sorted(p.name for p in page.parent.glob("*.pdf"))
    titles = [module(m, lang)["title"] for m in ROUTE]
    headings = [plain(h) for h in re.findall(r'<h2 id="handouts-\d+">(.*?)</h2>', html)]
    polish = typography.for_language(lang)[1]  # headings carry the language's typography
    assert headings[: len(titles)] == [plain(polish(t)) for t in titles]


# --- 4. group summary ---------------------------------------------------------------

def answers_v2(module_id: str, ratings: dict, **extra) -> dict:
    return {"format": "verbindend-werken/answers", "version": 2, "module": module_id,
            "updated": "2026-11-30T10:00:00Z",
            "rounds": [{"started": "2026-11-01T10:00:00Z", "ratings": {"separate-facts": "1"}},
                       {"started": "2026-11-30T10:00:00Z", "ratings": ratings}],
            "reflections": {"reflect-first-idea": "Mijn geheime antwoord"}, "checklist": {}, **extra}


def test_group_summary_counts_four_exports_and_names_the_hostile_file(browser, base_url, tmp_path):
    statement = "separate-facts"
    files = {
        "anna.json": answers_v2("methodical-work", {statement: "4", "test-before-acting": "na"}),
        "version-one.json": {"format": "verbindend-werken/answers", "version": 1, "module": "methodical-work",
                             "ratings": {statement: "4"}, "reflections": {}, "checklist": {}},
        "all-modules.json": {"format": "verbindend-werken/portfolio", "version": 2, "exported": "2026-11-30T10:00:00Z",
                             "modules": {"methodical-work": answers_v2("methodical-work", {statement: "2"}),
                                         "many-adults": answers_v2("many-adults", {})}},
        '<img src=x onerror="window.pwned=1">.json': answers_v2(
            "methodical-work", {statement: "5", '<img src=x onerror="window.pwned=2">': "5"}),
        "other-module.json": answers_v2("many-adults", {}),
        # What a participant wrote is never a reason to leave a file out (issue 10), nor are kept answers.
        "tricky-text.json": answers_v2("methodical-work", {statement: "1", "a-removed-statement": "3"},
                                       reflections={"reflect-first-idea": "Mijn score was <ik weet het niet> "
                                                    "<script>window.pwned=3</script> " + "lang " * 5000,
                                                    "a-removed-question": "bewaard"}),
    }
    paths = []
    for name, content in files.items():
        path = tmp_path / name
        path.write_text(json.dumps(content), encoding="utf-8")
        paths.append(str(path))
    context = browser.new_context()
    tab = context.new_page()
    requests = []
    tab.on("request", lambda request: requests.append(request))
    tab.goto(f"{base_url}{url_path('handouts/group-summary', 'en')}?module=methodical-work")
    tab.locator("[data-files]").set_input_files(paths)
    row = tab.locator(f'tr[data-statement="{statement}"]').first
    row.wait_for()
    counts = {value: row.locator(f'td[data-value="{value}"]').inner_text()
              for value in ("1", "2", "3", "4", "5", "na", "none")}
    assert counts == {"1": "1", "2": "1", "3": "0", "4": "2", "5": "0", "na": "0", "none": "0"}
    assert tab.locator('tr[data-statement="test-before-acting"] td[data-value="na"]').inner_text() == "1"
    assert tab.locator('tr[data-statement="test-before-acting"] td[data-value="none"]').inner_text() == "3"
    rejected = tab.locator("[data-rejected-list] li").all_inner_texts()
    assert len(rejected) == 2
    assert any(r.startswith('<img src=x onerror="window.pwned=1">.json: ') for r in rejected)
    assert any(r.startswith("other-module.json: " + LABELS["en"]["group_summary_reason_module"]) for r in rejected)
    assert tab.evaluate("window.pwned") is None
    assert tab.locator("[data-group-summary] img").count() == 0
    page_text = tab.locator("article").inner_text()
    assert "Mijn geheime antwoord" not in page_text and "anna" not in page_text
    assert [r.url for r in requests if r.method != "GET" or not r.url.startswith(base_url)] == []
    assert run_axe(tab) == []
    tab.emulate_media(media="print")
    assert not tab.locator("[data-files]").is_visible()
    assert row.is_visible()
    context.close()
