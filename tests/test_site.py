"""Issue 2: the site foundation, checked on the built site and in a real browser, page by page."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from pages import DEFAULT_LANGUAGE, LANGUAGES, every_page, source_pages, url_path

PAGES = every_page()
PAGE_IDS = [path for _, path in PAGES]


def test_build_prints_nothing_but_information(built_site):
    """--strict (which the fixture's build uses) fails on MkDocs' own warnings only; a library's warning
    (WeasyPrint's, Pydantic's, a plugin's print) would pass it and still show here."""
    _, output = built_site
    assert [line for line in output.splitlines() if line.strip() and not line.startswith("INFO ")] == []


def visit_once(audit, lang: str, path: str):
    """One visit per page for all the checks below; axe on the default language's pages (every page type
    of the other languages gets axe in both colour schemes: tests/test_look_and_feel.py)."""
    return audit(path, axe=lang == DEFAULT_LANGUAGE)


@pytest.mark.parametrize("lang,path", [(lang, path) for lang, path in PAGES if lang == DEFAULT_LANGUAGE],
                         ids=[path for lang, path in PAGES if lang == DEFAULT_LANGUAGE])
def test_page_has_no_axe_violation(audit, lang, path):
    assert visit_once(audit, lang, path).violations == []


@pytest.mark.parametrize("lang,path", PAGES, ids=PAGE_IDS)
def test_page_loads_without_failed_request_or_console_error(audit, lang, path):
    visit = visit_once(audit, lang, path)
    assert visit.failed == [], visit.failed
    assert visit.console_errors == [], visit.console_errors


@pytest.mark.parametrize("lang,path", PAGES, ids=PAGE_IDS)
def test_page_requests_nothing_from_another_host(audit, lang, path):
    visit = visit_once(audit, lang, path)
    foreign = [url for url in visit.requests if urlsplit(url).hostname not in ("127.0.0.1", None)
               and not url.startswith(("data:", "blob:"))]
    assert visit.requests, "the page made no request at all: the audit did not run"
    assert foreign == []


@pytest.mark.parametrize("lang,path", PAGES, ids=PAGE_IDS)
def test_page_is_in_its_language(audit, lang, path):
    assert visit_once(audit, lang, path).html_lang == lang


@pytest.mark.parametrize("lang,path", PAGES, ids=PAGE_IDS)
def test_page_has_description_and_absolute_hreflang_alternates(site_dir, lang, path):
    html = (site_dir / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]+)"', html)
    assert description and len(description.group(1)) >= 20
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert set(alternates) == {*LANGUAGES, "x-default"}
    assert all(href.startswith("https://") for href in alternates.values()), alternates
    assert urlsplit(alternates[lang]).path == path


def test_built_pages_load_no_script_style_or_font_from_another_host(site_dir):
    """Static twin of the browser check: no <script src>, <link href> or CSS url() points off-site."""
    remote = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//(?!verbindend-werken\.example)'
                        r'|url\(["\']?(?:https?:)?//')
    offenders = [str(file.relative_to(site_dir)) for file in site_dir.rglob("*")
                 if file.suffix in {".html", ".css"} and remote.search(file.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.mark.parametrize("lang,text", [("nl", "Deze pagina bestaat niet"), ("en", "This page does not exist"),
                                       ("fr", "Cette page n’existe pas")])
def test_mistyped_address_gets_not_found_page_in_its_language(page, base_url, lang, text):
    prefix = "" if lang == "nl" else f"/{lang}"
    response = page.goto(f"{base_url}{prefix}/vision/mistyped-page/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == text
    page.get_by_role("link", name=re.compile(".+")).filter(has_text=re.compile(r"\w")).first.wait_for()


@pytest.mark.parametrize("lang,query", [("nl", "ouders"), ("en", "parents"), ("fr", "parents")])
def test_search_returns_pages_of_the_current_language_only(page, base_url, lang, query):
    page.goto(base_url + url_path("principles/index", lang), wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut opens the search dialog, as a keyboard user would
    page.keyboard.type(query, delay=80)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    paths = [urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")]
    assert paths
    other = [p for p in paths if (lang == "nl" and re.match(r"^/(en|fr)/", p))
             or (lang != "nl" and not p.startswith(f"/{lang}/"))]
    assert other == []


def test_language_switch_stays_on_the_same_page(page, base_url):
    page.goto(base_url + "/vision/relationship/")
    page.locator(".md-select").first.hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url(f"{base_url}/en/vision/relationship/")
    page.locator(".md-select").first.hover()
    page.locator('.md-select__link[hreflang="fr"]').click()
    page.wait_for_url(f"{base_url}/fr/vision/relationship/")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_task_list_checkboxes_are_labelled_by_their_text(page, base_url):
    page.goto(base_url + "/en/authors/")
    boxes = page.locator(".task-list-item input[type=checkbox]")
    assert boxes.count() >= 3
    for index in range(boxes.count()):
        name = boxes.nth(index).evaluate("box => document.getElementById(box.getAttribute('aria-labelledby')).textContent")
        assert len(name.strip()) > 5


def test_search_dialog_has_an_accessible_name(page, base_url):
    page.goto(base_url + "/fr/")
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")


@pytest.mark.parametrize("path", ["/", "/en/vision/relationship/", "/fr/training/methodical-work/"])
def test_page_prints_without_navigation_header_or_search(page, base_url, path):
    page.goto(base_url + path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".md-tabs"):
        locator = page.locator(chrome)
        assert locator.count() == 0 or not locator.first.is_visible(), chrome
    assert page.locator("article h1").is_visible()
    discussions = page.locator("details.vw-discussion")
    for index in range(discussions.count()):
        assert not discussions.nth(index).locator("p").first.is_visible()


@pytest.mark.parametrize("lang,path", PAGES, ids=PAGE_IDS)
def test_language_menu_links_the_same_page_in_every_language(site_dir, lang, path):
    html_file = site_dir / path.lstrip("/") / "index.html"
    links = dict((code, href) for href, code in
                 re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" class="md-select__link"', html_file.read_text()))
    assert set(links) == set(LANGUAGES)
    base = next(b for b in source_pages() if url_path(b, lang) == path)
    for code, href in links.items():
        target = (html_file.parent / href).resolve()
        assert target == (site_dir / url_path(base, code).lstrip("/")).resolve(), (code, href)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_a_search_index_of_its_own_pages(site_dir, lang):
    index = json.loads((site_dir / url_path("index", lang).lstrip("/") / "search/search_index.json").read_text())
    assert index["config"]["lang"] == [lang]
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    expected = {url_path(base, "nl").lstrip("/") for base in source_pages()}
    assert pages == expected
    titles = {doc["location"]: doc["title"] for doc in index["docs"] if "#" not in doc["location"]}
    own_title = re.search(r"<h1[^>]*>([^<]+)", (site_dir / url_path("vision/index", lang).lstrip("/") /
                                               "index.html").read_text()).group(1)
    assert titles["vision/"] == own_title
