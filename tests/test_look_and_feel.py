"""Issue 14: look and feel, in the real browser at phone (375 px, touch) and laptop (1,280 px) sizes:
home cards, colour schemes, glossary tooltips on touch, module progress, checklists, language menu,
the authors' table, printing from the browser and search."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from conftest import run_axe
from page_types import PAGE_TYPES
from pages import LANGUAGES, every_page, url_path

PHONE = {"viewport": {"width": 375, "height": 800}, "has_touch": True, "is_mobile": True}
LAPTOP = {"viewport": {"width": 1280, "height": 900}}
SIZES = {"375": PHONE, "1280": LAPTOP}
GROUPS = ("new-staff", "self-study", "facilitators", "authors")


@pytest.fixture()
def open_page(browser):
    """open_page(url, **context options) -> a tab; its context closes after the test."""
    contexts = []

    def opener(url: str, **options):
        context = browser.new_context(**options)
        contexts.append(context)
        tab = context.new_page()
        tab.goto(url, wait_until="networkidle")
        return tab

    yield opener
    for context in contexts:
        context.close()


def fits_horizontally(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# --- home page and training overview ----------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_starts_each_user_group_above_the_fold(open_page, base_url, lang, size):
    tab = open_page(base_url + url_path("index", lang), **SIZES[size])
    cards = tab.locator(".vw-start__card")
    assert cards.count() == len(GROUPS)
    height = SIZES[size]["viewport"]["height"]
    for index, group in enumerate(GROUPS):
        card = cards.nth(index)
        assert card.get_attribute("href") == f"#{group}"
        assert tab.locator(f"article h2#{group}").count() == 1
        assert card.locator(".vw-start__icon svg path").count() == 1  # the theme's icon, in the page
        assert card.locator(".vw-start__title").inner_text().strip()
        assert len(card.locator(".vw-start__text").inner_text().split()) <= 12  # one line
        box = card.bounding_box()
        assert box["y"] + box["height"] <= height, (group, box)
    assert fits_horizontally(tab)
    cards.nth(0).click()
    assert tab.url.endswith("#new-staff")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_training_overview_shows_its_introduction_before_the_cards(site_dir, lang):
    html = (site_dir / url_path("training/index", lang).lstrip("/") / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):]
    heading, first_paragraph = article.index("<h1"), article.index("<p>")
    cards, onboarding = article.index('<ul class="vw-cards">'), article.index('id="onboarding-path"')
    assert heading < first_paragraph < cards < onboarding


# --- colour schemes ---------------------------------------------------------------------

def scheme(tab) -> str:
    return tab.locator("body").get_attribute("data-md-color-scheme")


@pytest.mark.parametrize("system", ["light", "dark"])
def test_colour_scheme_follows_the_system_setting(open_page, base_url, system):
    tab = open_page(base_url + "/vision/", color_scheme=system, **LAPTOP)
    assert scheme(tab) == {"light": "default", "dark": "slate"}[system]
    background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (system == "light")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_colour_toggle_cycles_light_dark_system_and_is_remembered(open_page, base_url, lang):
    tab = open_page(base_url + url_path("vision/index", lang), color_scheme="dark", **LAPTOP)
    toggle = tab.locator("form[data-md-component=palette] label:visible")
    assert toggle.count() == 1
    names = []
    for expected in ("default", "slate"):
        names.append(toggle.get_attribute("title"))
        toggle.click()
        assert scheme(tab) == expected
    tab.reload()
    assert scheme(tab) == "slate"
    assert len(set(names)) == 2 and all(names)
    if lang != "en":
        assert not any(re.match(r"Switch to", name) for name in names)  # in the page's language


SCHEME_VISITS = [(kind, lang, colours) for kind in PAGE_TYPES for lang in LANGUAGES
                 for colours in (("light", "dark") if kind.action else ("dark",))]


@pytest.mark.parametrize("kind,lang,colours", SCHEME_VISITS,
                         ids=[f"{k.name}-{lang}-{c}" for k, lang, c in SCHEME_VISITS])
def test_page_type_has_no_axe_violation_in_either_colour_scheme(open_page, base_url, kind, lang, colours):
    """Light pages without a visitor's action are checked page by page in test_site.py."""
    tab = open_page(base_url + url_path(kind.source, lang), color_scheme=colours, **LAPTOP)
    assert scheme(tab) == {"light": "default", "dark": "slate"}[colours]
    if kind.action:
        kind.action(tab, lang)
    tab.wait_for_timeout(400)  # let the theme's colour transitions end
    assert run_axe(tab) == []


def test_print_is_light_in_the_dark_scheme(open_page, base_url):
    tab = open_page(base_url + "/training/methodical-work/", color_scheme="dark", **LAPTOP)
    assert scheme(tab) == "slate"
    tab.emulate_media(media="print", color_scheme="dark")
    colours = tab.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('article p')).color,
        getComputedStyle(document.querySelector('article h2')).color]""")
    assert colours[0] == "rgb(255, 255, 255)"
    for text in colours[1:]:
        red, green, blue = map(int, re.findall(r"\d+", text)[:3])
        assert max(red, green, blue) < 100, text  # dark text on paper


# --- glossary tooltips on touch screens ----------------------------------------------------

def tap_word(tab, link) -> None:
    """Tap where a finger would: on the word's first line (a wrapped link's box centre can be beside it)."""
    link.scroll_into_view_if_needed()
    tab.wait_for_timeout(300)  # a finger taps once the page stands still
    x, y = link.evaluate("a => { const r = a.getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2] }")
    tab.touchscreen.tap(x, y)


@pytest.mark.parametrize("width", [320, 375])
def test_tap_on_a_term_shows_its_definition_inside_the_viewport(open_page, base_url, width):
    tab = open_page(base_url + "/en/vision/relationship/", viewport={"width": width, "height": 700},
                    has_touch=True, is_mobile=True)
    terms = tab.locator("article .vw-term")
    assert terms.count() >= 3
    for index in range(terms.count()):
        term = terms.nth(index)
        tap_word(tab, term.locator(".vw-term__link"))
        tip = term.locator(".vw-term__tip")
        assert tip.is_visible()
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (index, box)
        assert fits_horizontally(tab)
        more = tip.locator("a.vw-term__more")
        assert more.inner_text() == "More in the glossary"
        assert more.get_attribute("href") == term.locator(".vw-term__link").get_attribute("href")
        assert "/glossary/" not in tab.url  # the first tap only opens the tip
        assert terms.locator(".vw-term__tip:visible").count() == 1  # one tip at a time
        tab.locator("article h1").tap()  # close it: the open tip may cover the next word


def test_second_tap_or_the_link_goes_to_the_glossary_entry(open_page, base_url):
    tab = open_page(base_url + "/en/vision/relationship/", **PHONE)
    link = tab.locator("article .vw-term__link").first
    target = link.get_attribute("href").split("#")[1]
    tap_word(tab, link)
    tap_word(tab, link)
    tab.wait_for_url(re.compile(rf"/en/glossary/#{target}$"))
    tab.go_back()
    tap_word(tab, tab.locator("article .vw-term__link").first)
    tap_word(tab, tab.locator("article .vw-term__more").first)
    tab.wait_for_url(re.compile(rf"/en/glossary/#{target}$"))
    assert tab.locator(f"#{target} dt").is_visible()


def test_tap_outside_or_escape_closes_the_tip(open_page, base_url):
    tab = open_page(base_url + "/vision/relationship/", **PHONE)
    term = tab.locator("article .vw-term").first
    tap_word(tab, term.locator(".vw-term__link"))
    assert term.locator(".vw-term__tip").is_visible()
    tab.locator("article h1").tap()
    assert not term.locator(".vw-term__tip").is_visible()
    tap_word(tab, term.locator(".vw-term__link"))
    assert term.locator(".vw-term__tip").is_visible()
    tab.keyboard.press("Escape")
    assert not term.locator(".vw-term__tip").is_visible()


def test_hovered_tip_stays_inside_the_window_on_a_laptop(open_page, base_url):
    tab = open_page(base_url + "/vision/relationship/", viewport={"width": 700, "height": 800})
    for index in range(tab.locator("article .vw-term").count()):
        term = tab.locator("article .vw-term").nth(index)
        term.locator(".vw-term__link").hover()
        box = term.locator(".vw-term__tip").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 700, index
        assert not term.locator(".vw-term__more").is_visible()  # the word itself is the link


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_page_has_an_a_to_z_jump_list_and_touch_help(open_page, base_url, lang):
    tab = open_page(base_url + url_path("glossary/index", lang), **PHONE)
    letters = tab.locator("nav.vw-glossary-letters a")
    assert letters.count() >= 10
    names = letters.all_inner_texts()
    assert names == sorted(names) and all(re.fullmatch(r"[A-Z]", name) for name in names)
    for index in range(letters.count()):
        anchor = letters.nth(index).get_attribute("href")
        assert tab.locator(f"{anchor} .vw-glossary__letter").inner_text() == names[index]
        assert tab.locator(f"{anchor} dt").count() >= 1
    letters.last.tap()
    tab.wait_for_url(re.compile(r"#letter-[a-z]$"))
    assert tab.locator(f"#letter-{names[-1].lower()} dt").first.is_visible()
    help_text = tab.locator(".vw-glossary__touch").inner_text()
    assert {"nl": "tik", "en": "tap", "fr": "touchez"}[lang] in help_text.lower()
    assert fits_horizontally(tab)


# --- module pages on a phone -------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_on_a_phone_shows_where_the_learner_is_and_what_is_left(open_page, base_url, lang):
    tab = open_page(base_url + url_path("training/methodical-work", lang), **PHONE)
    bar = tab.locator("nav.vw-progress")
    assert bar.is_visible() and bar.get_attribute("aria-label")
    parts = tab.locator(".md-sidebar--secondary nav.md-nav--secondary > ul > li > a")
    total = parts.count()
    assert total >= 8
    first = bar.locator(".vw-progress__text").inner_text()
    assert re.search(rf"\b1\b.*\b{total}\b", first), first
    assert parts.first.inner_text().strip() in first
    assert bar.locator("a").get_attribute("href") == parts.nth(1).get_attribute("href")
    tab.locator("#reflection").scroll_into_view_if_needed()
    tab.evaluate("document.getElementById('reflection').scrollIntoView()")
    tab.wait_for_timeout(300)
    titles = parts.all_inner_texts()
    step = titles.index(next(t for t in titles if t.strip() == tab.locator("#reflection").inner_text().strip())) + 1
    now = bar.locator(".vw-progress__text").inner_text()
    assert re.search(rf"\b{step}\b.*\b{total}\b", now) and tab.locator("#reflection").inner_text() in now, now
    bar.locator("a").tap()
    assert tab.url.endswith(parts.nth(step).get_attribute("href"))
    assert fits_horizontally(tab)


def test_module_progress_bar_is_not_shown_beside_the_table_of_contents(open_page, base_url):
    tab = open_page(base_url + "/training/methodical-work/", **LAPTOP)
    assert tab.locator("nav.vw-progress").count() == 1
    assert not tab.locator("nav.vw-progress").is_visible()
    assert tab.locator(".md-sidebar--secondary").is_visible()


# --- checklists, language menu, authors' table ------------------------------------------

@pytest.mark.parametrize("path", ["/training/methodical-work/", "/en/authors/"])
def test_checklists_show_a_checkbox_and_no_bullet(open_page, base_url, path):
    tab = open_page(base_url + path, **PHONE)
    items = tab.locator("ul.vw-checklist > li, li.task-list-item")
    assert items.count() >= 4
    for index in range(items.count()):
        item = items.nth(index)
        assert item.evaluate("li => getComputedStyle(li).listStyleType") == "none"
        assert item.locator("input[type=checkbox]").count() == 1


def test_language_menu_marks_the_current_language_on_every_page(site_dir):
    for lang, path in every_page():
        html = (site_dir / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        current = re.findall(r'<a [^>]*hreflang="([a-z]+)" class="md-select__link" aria-current="page"', html)
        assert current == [lang], path
        assert html.count('aria-current="page"') == 1, path


@pytest.mark.parametrize("size", SIZES)
def test_language_switch_keeps_the_section(open_page, base_url, size):
    tab = open_page(base_url + "/vision/relationship/", **SIZES[size])
    section = tab.locator("article h2[id]").nth(1)
    section_id = section.get_attribute("id")
    section.evaluate("h => h.scrollIntoView()")  # the reader scrolled there, without a link
    tab.wait_for_timeout(200)
    # Pointer or finger on the language icon, then on "English", as a reader does (no scrolling).
    button = tab.locator(".md-header .md-select button").first.bounding_box()
    press = tab.touchscreen.tap if size == "375" else tab.mouse.click
    press(button["x"] + button["width"] / 2, button["y"] + button["height"] / 2)
    link = tab.locator('.md-select__link[hreflang="en"]').first
    link.wait_for(state="visible")
    tab.wait_for_timeout(300)  # the menu's opening transition
    box = link.bounding_box()
    press(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.wait_for_url(f"{base_url}/en/vision/relationship/#{section_id}")
    assert tab.locator(f"#{section_id}").count() == 1


def test_authors_translation_table_looks_like_the_other_tables(open_page, base_url):
    tab = open_page(base_url + "/en/authors/", **LAPTOP)
    intro = tab.locator("#translation-status + p")
    assert "`" not in intro.inner_text() and intro.locator("code").count() == 1
    style = "el => { const s = getComputedStyle(el); return [s.borderBottomWidth, s.backgroundColor, s.fontWeight] }"
    ours = tab.locator(".vw-translation-status thead th").first.evaluate(style)
    tab.goto(base_url + "/en/resources/")
    theirs = tab.locator("article table thead th").first.evaluate(style)
    assert ours == theirs
    tab.goto(base_url + "/en/authors/")
    assert "`" not in tab.locator("article").inner_text().split("Translation")[-1][:2000]


# --- printing from the browser -------------------------------------------------------------

def print_as_the_browser_does(tab) -> None:
    """What pressing Ctrl+P does before the page is laid out for paper (the tests have no dialog)."""
    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    tab.emulate_media(media="print")


def test_printing_keeps_folded_discussions_folded(open_page, base_url):
    tab = open_page(base_url + "/training/methodical-work/", **LAPTOP)
    discussions = tab.locator("details.vw-discussion")
    assert discussions.count() >= 2
    discussions.first.locator("summary").click()  # the reader opened one
    print_as_the_browser_does(tab)
    assert discussions.first.locator("p").first.is_visible()
    for index in range(1, discussions.count()):
        assert not discussions.nth(index).locator("p").first.is_visible()
    tab.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert discussions.first.evaluate("d => d.open") and not discussions.nth(1).evaluate("d => d.open")


def test_printed_links_show_their_address(open_page, base_url):
    tab = open_page(base_url + "/vision/relationship/", **LAPTOP)
    print_as_the_browser_does(tab)
    link = tab.locator("article p a[data-print-href]").first
    shown = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert urlsplit(link.evaluate("a => a.href")).path in shown and shown.startswith('" (http')
    assert tab.locator("article .vw-term__link[data-print-href]").count() == 0


@pytest.mark.parametrize("path", ["/training/methodical-work/", "/en/collaboration/", "/fr/principles/key-concepts/"])
def test_no_heading_is_left_alone_at_the_bottom_of_a_printed_page(open_page, base_url, path):
    tab = open_page(base_url + path, **LAPTOP)
    print_as_the_browser_does(tab)
    headings = {re.sub(r"\s+", " ", h).strip() for h in tab.locator("article h2, article h3").all_inner_texts()}
    reader = PdfReader(io.BytesIO(tab.pdf(format="A4", print_background=True)))
    assert len(reader.pages) >= 2
    for number, pdf_page in enumerate(reader.pages[:-1], start=1):
        lines = [line.strip() for line in pdf_page.extract_text().splitlines() if line.strip()]
        assert lines and lines[-1] not in headings, (number, lines[-1])


# --- search --------------------------------------------------------------------------------

def search_results(tab, query: str) -> list[str]:
    tab.keyboard.press("/")
    tab.keyboard.type(query, delay=60)
    tab.locator(".md-search-result__item a").first.wait_for(timeout=15000)
    return [urlsplit(href)._replace(query="").geturl()
            for href in tab.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")]


@pytest.mark.parametrize("query", ["hypothese", "hypothèse", "HYPOTHESE"])
def test_french_search_ignores_accents(open_page, base_url, query):
    tab = open_page(base_url + "/fr/", **LAPTOP)
    results = search_results(tab, query)
    assert any(r.endswith("/fr/glossary/#hypothesis") for r in results), results
    assert any("/fr/training/methodical-work/" in r for r in results), results


@pytest.mark.parametrize("lang,term,entry", [("nl", "hechting", "attachment"), ("en", "attachment", "attachment"),
                                             ("fr", "attachement", "attachment")])
def test_a_glossary_term_is_its_own_search_result(open_page, base_url, lang, term, entry):
    tab = open_page(base_url + url_path("index", lang), **LAPTOP)
    results = search_results(tab, term)
    assert f"{url_path('glossary/index', lang)}#{entry}" in {urlsplit(r).path + "#" + urlsplit(r).fragment
                                                             for r in results}, results


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_index_has_one_entry_per_glossary_term(site_dir, lang):
    index = json.loads((site_dir / url_path("index", lang).lstrip("/") / "search/search_index.json").read_text())
    glossary = [doc for doc in index["docs"] if doc["location"].startswith("glossary/")]
    sections = [doc for doc in glossary if "#" in doc["location"]]
    assert len(sections) >= 30
    assert all(len(doc["text"]) < 400 and "#letter-" not in doc["location"] for doc in sections)
    page = next(doc for doc in glossary if doc["location"] == "glossary/")
    assert not any(doc["text"][:40] in page["text"] for doc in sections)


def test_self_assessment_chart_stays_readable_in_the_dark_scheme(open_page, base_url):
    tab = open_page(base_url + "/en/training/methodical-work/", color_scheme="dark", **LAPTOP)
    tab.locator('input[name="rating-separate-facts"][value="4"]').check()
    bar = tab.locator("[data-summary] .vw-chart__bar").first
    bar.wait_for()
    red, green, blue = map(int, re.findall(r"\d+", bar.evaluate("b => getComputedStyle(b).backgroundColor"))[:3])
    assert (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255 > 0.5  # a light bar on the dark page
